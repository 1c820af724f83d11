"""Demo stories of Vilvèze: a step of `demo.runner.seed_demo`, after the shops and offers.

One campaign of the city and five stories, each with merchants' testimonials and shop
cards of demo shops. The campaign runs over the season of the day the demo is seeded and
says so ("Tout cet hiver…", demo.seasons); the stories were published in the weeks
before that day, and speak of no season. Like the rest of the demo it is French and
fictional (people, shops and partners are invented) and only creates what is missing: a
story or campaign whose slug exists is left as it is.
"""

from dataclasses import dataclass
from datetime import timedelta

from PIL import Image as PillowImage
from PIL import ImageDraw

from core.clock import today
from demo.images import demo_image
from demo.pages import child_page
from demo.seasons import Season, season_bounds, season_of
from directory.models import ShopPage
from stories.blocks import StoryBodyBlock
from stories.models import CampaignPage, CampaignPartner, StoriesPage, StoryFeaturedShop, StoryPage

CAMPAIGN_SLUG = "j-achete-a-vilveze"


@dataclass(frozen=True)
class Testimonial:
    quote: str
    name: str
    role: str


@dataclass(frozen=True)
class DemoStory:
    slug: str
    title: str
    standfirst: str
    colour: str
    featured: tuple  # shop names, in the order of "Rendez-leur visite"
    paragraphs: tuple
    testimonials: tuple
    cards: tuple = ()  # (shop name, note): shop cards in the body
    in_campaign: bool = True
    pinned: bool = False
    credit: str = "Ville de Vilvèze"
    heading: str = ""


STORIES = [
    DemoStory(
        slug="des-fleurs-livrees-a-velo",
        title="Des fleurs livrées à vélo",
        standfirst=(
            "Aux Fleurs de la Grand-Place, les bouquets partent désormais en vélo cargo. "
            "Une idée née d'une rencontre avec l'atelier de vélos d'en face."
        ),
        colour="#c0392b",
        featured=("Fleurs de la Grand-Place", "Cycles de la Vèze"),
        heading="Une idée venue du trottoir d'en face",
        paragraphs=(
            "<p>Tout a commencé un samedi de pluie, quand une cliente a demandé si l'on "
            "pouvait livrer un bouquet à sa mère, rue des Tanneurs.</p>",
            "<p>Le vélo cargo vient de chez Cycles de la Vèze, qui l'entretient chaque "
            "mois. Les livraisons se font le jour même dans toute la ville.</p>",
        ),
        testimonials=(
            Testimonial(
                "On ne vend pas des fleurs, on vend un moment. Le vélo, c'est le moment qui "
                "arrive à la porte.",
                "Martine Lefèvre",
                "gérante",
            ),
            Testimonial(
                "Un vélo bien réglé, c'est vingt livraisons par jour sans fatigue.",
                "Hugo Marchal",
                "mécanicien",
            ),
        ),
        cards=(("Fleurs de la Grand-Place", "Pour le bouquet du samedi."),),
        pinned=True,
    ),
    DemoStory(
        slug="un-coin-lecture-au-fond-de-la-librairie",
        title="Un coin lecture au fond de la librairie",
        standfirst=(
            "La Page Tournée a ouvert un coin lecture avec des fauteuils et le café du "
            "torréfacteur voisin : on y vient pour un livre, on y reste pour lire."
        ),
        colour="#2c5aa0",
        featured=("Librairie La Page Tournée", "Le Petit Torréfacteur"),
        heading="Lire avant d'acheter",
        paragraphs=(
            "<p>Au fond de la boutique, quatre fauteuils et une table basse. Chacun peut "
            "feuilleter un livre aussi longtemps qu'il le veut.</p>",
            "<p>Le café vient du Petit Torréfacteur, à deux rues de là.</p>",
        ),
        testimonials=(
            Testimonial(
                "Les gens lisent trois pages, puis ils repartent avec le livre sous le bras.",
                "Sophie Dardenne",
                "libraire",
            ),
        ),
        cards=(("Le Petit Torréfacteur", "Pour le café qu'on boit en lisant."),),
    ),
    DemoStory(
        slug="le-levain-une-affaire-de-patience",
        title="Le levain, une affaire de patience",
        standfirst=(
            "Deux boulangeries de Vilvèze, deux façons de faire du pain au levain. Leur "
            "point commun : une nuit entière de fermentation."
        ),
        colour="#d68910",
        featured=("Boulangerie du Beffroi", "Au Fournil de la Vèze"),
        heading="Une nuit pour un pain",
        paragraphs=(
            "<p>Au Beffroi, la pâte repose douze heures au frais. Au Fournil, le four à bois "
            "est allumé à trois heures du matin.</p>",
        ),
        testimonials=(
            Testimonial(
                "Le levain, c'est vivant : il faut le nourrir tous les jours, même le dimanche.",
                "Paul Gérard",
                "boulanger",
            ),
            Testimonial(
                "Le feu de bois donne une croûte qu'aucun four électrique ne donne.",
                "Nadia Benali",
                "boulangère",
            ),
        ),
        cards=(
            ("Boulangerie du Beffroi", "Pour la miche au levain du mardi."),
            ("Au Fournil de la Vèze", "Pour le cramique du dimanche."),
        ),
    ),
    DemoStory(
        slug="reparer-plutot-que-jeter",
        title="Réparer plutôt que jeter",
        standfirst=(
            "Un atelier de vélos participatif et une couturière de quartier : à Vilvèze, "
            "on répare, et on apprend à réparer."
        ),
        colour="#1f7a4d",
        featured=("L'Atelier à Rayons", "Atelier Fil Rouge"),
        heading="Apprendre en réparant",
        paragraphs=(
            "<p>À l'Atelier à Rayons, les mécaniciens montrent le geste plutôt que de le "
            "faire à votre place.</p>",
            "<p>Chez Fil Rouge, un ourlet est fait en une journée.</p>",
        ),
        testimonials=(
            Testimonial(
                "Quand on a changé soi-même sa chambre à air, on ne la jette plus.",
                "Thomas Willems",
                "animateur d'atelier",
            ),
        ),
        cards=(("Atelier Fil Rouge", "Pour l'ourlet du pantalon préféré."),),
    ),
    DemoStory(
        slug="du-champ-a-l-assiette-sans-detour",
        title="Du champ à l'assiette, sans détour",
        standfirst=(
            "À Champ-Fleuri, une boucherie en circuit court et une fleuriste qui cultive "
            "ses propres fleurs racontent ce que « local » veut dire pour elles."
        ),
        colour="#7d3c98",
        featured=("La Ferme en Ville", "Les Fleurs d'Hortense"),
        heading="Connaître l'éleveur par son prénom",
        paragraphs=(
            "<p>La viande de La Ferme en Ville vient de trois fermes à moins de vingt "
            "kilomètres.</p>",
        ),
        testimonials=(
            Testimonial(
                "Mes clients savent d'où vient leur rôti : je peux leur montrer la ferme.",
                "Julien Roland",
                "boucher",
            ),
            Testimonial(
                "Mes fleurs poussent à trois cents mètres de la boutique.",
                "Hortense Lambert",
                "fleuriste",
            ),
        ),
        cards=(("Les Fleurs d'Hortense", "Pour les fleurs du jardin d'à côté."),),
        in_campaign=False,
    ),
]

PARTNERS = [
    ("Union des commerçants de Vilvèze", "https://commercants.vilveze.example/", "#0a4f8f"),
    ("Radio Vèze", "https://radio.vilveze.example/", "#c0392b"),
]


def draw_story_picture(colour, width=1600, height=900):
    """A shop window under an awning in the story's colour, in landscape (OpenGraph's
    1200×630 is cut from it)."""
    picture = PillowImage.new("RGB", (width, height), "#dfe7ef")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 0.85, width, height], fill="#8a8d91")
    draw.rectangle([120, 120, width - 120, height * 0.85], fill="#f3efe6")
    for left in range(120, width - 120, 80):
        fill = colour if (left // 80) % 2 == 0 else "#ffffff"
        draw.rectangle([left, 150, left + 80, 260], fill=fill)
    draw.rectangle([200, 330, 1000, height * 0.85 - 30], fill="#9fc3e0", outline="#4a4a4f", width=8)
    draw.rectangle([1100, 330, width - 200, height * 0.85], fill="#5d4037")
    return picture


def draw_partner_logo(colour, size=200):
    picture = PillowImage.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle([10, 10, size - 10, size - 10], radius=30, fill=colour)
    draw.ellipse([size // 3, size // 3, 2 * size // 3, 2 * size // 3], fill="#ffffff")
    return picture


def _block(block_type, value):
    return (block_type, StoryBodyBlock().child_blocks[block_type].normalize(value))


def story_body(story, shops, picture):
    body = [_block("paragraph", story.paragraphs[0])]
    if story.heading:
        body.append(_block("heading", {"text": story.heading, "level": "h2"}))
    for testimonial in story.testimonials:
        body.append(
            _block(
                "testimonial",
                {"quote": testimonial.quote, "name": testimonial.name, "role": testimonial.role},
            )
        )
    for paragraph in story.paragraphs[1:]:
        body.append(_block("paragraph", paragraph))
    picture.contextual_alt_text = picture.description
    picture.decorative = False
    body.append(_block("image", {"image": picture, "caption": story.title, "credit": story.credit}))
    for name, note in story.cards:
        if name in shops:
            body.append(_block("shop_card", {"shop": shops[name], "note": note}))
    return body


# "Tout <this season>, la Ville et ses commerçants…"
CAMPAIGN_SEASONS = {
    Season.WINTER: "Tout cet hiver",
    Season.SPRING: "Tout ce printemps",
    Season.SUMMER: "Tout cet été",
    Season.AUTUMN: "Tout cet automne",
}


def ensure_campaign(index, report):
    day = today()
    start, end = season_bounds(day)
    campaign = child_page(
        index,
        CampaignPage,
        CAMPAIGN_SLUG,
        report,
        title="Vilvèze, j'y achète",
        hashtag="#JAchèteÀVilvèze",
        intro=(
            f"<p>{CAMPAIGN_SEASONS[season_of(day)]}, la Ville et ses commerçants vous "
            "invitent à pousser la porte des boutiques de quartier : portraits, offres et "
            "bonnes adresses.</p>"
        ),
        start_date=start,
        end_date=end,
        search_description="La campagne de la Ville pour le commerce de quartier.",
        partners=[
            CampaignPartner(
                name=name,
                url=url,
                logo=demo_image(f"Logo {name}", draw_partner_logo(colour), "", report),
            )
            for name, url, colour in PARTNERS
        ],
    )
    return campaign


def seed_stories(report):
    index = StoriesPage.objects.first()
    if index is None:
        return
    existing = set(index.get_children().values_list("slug", flat=True))
    if CAMPAIGN_SLUG in existing and all(story.slug in existing for story in STORIES):
        return
    campaign = ensure_campaign(index, report)
    names = {name for story in STORIES for name in (*story.featured, *(n for n, _ in story.cards))}
    shops = {shop.title: shop for shop in ShopPage.objects.filter(title__in=names)}
    for age, story in enumerate(STORIES):
        if story.slug in existing:
            continue
        picture = demo_image(
            f"Histoire : {story.title}",
            draw_story_picture(story.colour),
            f"La vitrine, pour l'histoire « {story.title} »",
            report,
        )
        child_page(
            index,
            StoryPage,
            story.slug,
            report,
            title=story.title,
            standfirst=story.standfirst,
            hero_image=picture,
            hero_image_credit=story.credit,
            publication_date=today() - timedelta(days=3 + 7 * age),
            campaign=campaign if story.in_campaign else None,
            pinned=story.pinned,
            body=story_body(story, shops, picture),
            featured_shops=[
                StoryFeaturedShop(shop=shops[name], sort_order=order)
                for order, name in enumerate(story.featured)
                if name in shops
            ],
        )
