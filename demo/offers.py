"""Demo offers of Vilvèze's shops: a step of `demo.runner.seed_demo`, after the shops.

About forty current offers spread over the demo shops, a few that have ended (their
address answers 410) and a few that start next week (404 until then). Dates are
relative to the day the demo is built; the rest is fixed, so the same shops get the
same offers every time. Like the rest of the demo it is French and fictional, and it
only creates what is missing: an offer whose slug exists under its shop is left as is.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw

from core import tree
from core.clock import today
from demo.images import demo_image
from demo.shops.content import CATEGORIES
from directory.models import ShopPage
from offers.models import OfferKind, OfferPage

# One shop in three has no offer this week: the directory has to show both.
SHOPS_WITHOUT_OFFER_EVERY = 3
ENDED_COUNT = 3
UPCOMING_COUNT = 3


@dataclass(frozen=True)
class DemoOffer:
    title: str
    short_text: str
    kind: str
    price_text: str = ""
    coupon_code: str = ""
    conditions: str = ""


OFFERS = {
    "boulangerie": [
        DemoOffer(
            "Le pain du dimanche à moitié prix",
            "Le dimanche après 11 h, nos miches au levain de la veille à moitié prix.",
            OfferKind.PROMOTION,
            "-50 %",
        ),
        DemoOffer(
            "Galette des quartiers",
            "Notre galette frangipane aux amandes de la semaine, en part ou entière.",
            OfferKind.WEEKLY_SPECIAL,
            "3,20 € la part",
        ),
    ],
    "boucherie": [
        DemoOffer(
            "Colis barbecue familial",
            "Saucisses, côtes et brochettes marinées pour quatre personnes.",
            OfferKind.PROMOTION,
            "29 € au lieu de 35 €",
            conditions="Sur commande, la veille avant 17 h.",
        ),
        DemoOffer(
            "Dégustation de salaisons",
            "Samedi matin, goûtez nos jambons séchés et nos pâtés maison au comptoir.",
            OfferKind.EVENT,
        ),
    ],
    "fleuriste": [
        DemoOffer(
            "Bouquet de saison",
            "Un bouquet composé des fleurs de la semaine, emballé sans plastique.",
            OfferKind.WEEKLY_SPECIAL,
            "15 €",
        ),
        DemoOffer(
            "Atelier couronne de porte",
            "Une heure pour composer votre couronne avec nos branchages, matériel compris.",
            OfferKind.EVENT,
            "25 €",
            conditions="Huit places par atelier ; inscription au magasin.",
        ),
    ],
    "librairie": [
        DemoOffer(
            "Rencontre avec une autrice de la région",
            "Lecture, échange et dédicace, jeudi à 18 h 30, autour de son premier roman.",
            OfferKind.EVENT,
        ),
        DemoOffer(
            "Le coin des poches",
            "Trois livres de poche achetés, le quatrième offert (le moins cher).",
            OfferKind.PROMOTION,
            "3 + 1 offert",
            coupon_code="POCHE4",
        ),
    ],
    "velos": [
        DemoOffer(
            "Révision d'automne",
            "Freins, dérailleur, éclairage et pression : votre vélo prêt pour l'hiver.",
            OfferKind.PROMOTION,
            "39 € au lieu de 55 €",
        ),
        DemoOffer(
            "Nouveaux vélos cargo",
            "Trois modèles de vélos cargo à essayer en magasin, avec ou sans assistance.",
            OfferKind.NEW_ARRIVAL,
        ),
    ],
    "vetements": [
        DemoOffer(
            "Pulls en laine des Ardennes",
            "La nouvelle collection tricotée en Belgique vient d'arriver.",
            OfferKind.NEW_ARRIVAL,
        ),
        DemoOffer(
            "Deuxième article à -30 %",
            "Sur toute la boutique, le deuxième article le moins cher à -30 %.",
            OfferKind.PROMOTION,
            "-30 %",
            conditions="Hors retouches et cartes cadeaux.",
        ),
    ],
    "cafe": [
        DemoOffer(
            "Café et cramique",
            "Un café filtre et une tranche de cramique beurrée, toute la matinée.",
            OfferKind.WEEKLY_SPECIAL,
            "4,50 €",
        ),
        DemoOffer(
            "Soirée jeux de société",
            "Mercredi dès 19 h : jeux prêtés, tables réservées aux joueurs.",
            OfferKind.EVENT,
        ),
    ],
    "epicerie": [
        DemoOffer(
            "Panier du producteur",
            "Légumes de saison d'une ferme de la vallée, à emporter le vendredi.",
            OfferKind.WEEKLY_SPECIAL,
            "12 €",
        ),
        DemoOffer(
            "Fromages de chèvre à -20 %",
            "Toute la gamme d'une chèvrerie voisine, frais et affinés.",
            OfferKind.PROMOTION,
            "-20 %",
            coupon_code="CHEVRE20",
        ),
    ],
    "coiffure": [
        DemoOffer(
            "Coupe et brushing du mardi",
            "Le mardi, la coupe et le brushing au prix de la coupe seule.",
            OfferKind.PROMOTION,
            "32 €",
            conditions="Sur rendez-vous.",
        ),
        DemoOffer(
            "Soins sans sulfates",
            "Une nouvelle gamme de soins fabriqués en Wallonie, à tester au salon.",
            OfferKind.NEW_ARRIVAL,
        ),
    ],
    "optique": [
        DemoOffer(
            "Contrôle de la vue offert",
            "Un contrôle de la vue gratuit, sans obligation d'achat.",
            OfferKind.PROMOTION,
            "Gratuit",
        ),
        DemoOffer(
            "Montures en bois",
            "Des montures légères taillées dans du bois européen, nouvelle collection.",
            OfferKind.NEW_ARRIVAL,
        ),
    ],
}

ENDED = DemoOffer(
    "Braderie d'été",
    "Les derniers articles de l'été à prix cassés.",
    OfferKind.PROMOTION,
    "-40 %",
)
UPCOMING = DemoOffer(
    "Semaine de l'artisanat",
    "Démonstrations du savoir-faire de la maison, chaque jour de la semaine prochaine.",
    OfferKind.EVENT,
)


def draw_offer_picture(colour, width=960, height=600):
    """A price tag on the category's colour: the offers' shared picture."""
    picture = PillowImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(picture)
    left, top = width // 4, height // 4
    draw.polygon(
        [
            (left, top),
            (3 * left, top),
            (3 * left + 90, height // 2),
            (3 * left, 3 * top),
            (left, 3 * top),
        ],
        fill="#ffffff",
    )
    draw.ellipse([3 * left - 30, height // 2 - 20, 3 * left + 10, height // 2 + 20], fill=colour)
    return picture


def demo_shops():
    """The demo's live shops, in the demo's fixed order, with their category."""
    return list(
        ShopPage.objects.live()
        .filter(reference__startswith="demo-")
        .select_related("category")
        .order_by("reference")
    )


def planned_offers(shops, day):
    """(shop, DemoOffer, first day, last day) for every demo offer, in a fixed order."""
    planned = []
    with_offers = [
        shop
        for number, shop in enumerate(shops)
        if number % SHOPS_WITHOUT_OFFER_EVERY != SHOPS_WITHOUT_OFFER_EVERY - 1
    ]
    for number, shop in enumerate(with_offers):
        choices = OFFERS.get(shop.category.slug if shop.category else "", [])
        if not choices:
            continue
        offer = choices[number % len(choices)]
        # Some started days ago, some today; some end today or tomorrow (the "se
        # termine bientôt" badge), most at the end of the week or later.
        start = day - timedelta(days=number % 5)
        end = day + timedelta(days=(number * 3) % 11)
        planned.append((shop, offer, start, end))
    without_offers = [shop for shop in shops if shop not in with_offers]
    for shop in without_offers[:ENDED_COUNT]:
        planned.append((shop, ENDED, day - timedelta(days=20), day - timedelta(days=6)))
    for shop in without_offers[ENDED_COUNT : ENDED_COUNT + UPCOMING_COUNT]:
        planned.append((shop, UPCOMING, day + timedelta(days=7), day + timedelta(days=13)))
    return planned


def seed_offers(report):
    """Create the demo offers missing under their shops, and publish them."""
    day = today()
    shops = demo_shops()
    if not shops:
        return
    pictures = {
        category.slug: demo_image(
            f"Offre {category.name}",
            draw_offer_picture(category.colour),
            f"Une étiquette de prix aux couleurs de la catégorie {category.name.lower()}",
            report,
        )
        for category in CATEGORIES
    }
    existing = set(
        OfferPage.objects.filter(tree.below_q(tree.parent_path(shops[0].path))).values_list(
            "path", "slug"
        )
    )
    existing = {(tree.parent_path(path), slug) for path, slug in existing}
    for number, (shop, offer, start, end) in enumerate(planned_offers(shops, day)):
        category_slug = shop.category.slug if shop.category else ""
        slug = slugify(offer.title)
        if (shop.path, slug) in existing:
            continue
        page = OfferPage(
            title=offer.title,
            slug=slug,
            short_text=offer.short_text,
            kind=offer.kind,
            start_date=start,
            end_date=end,
            price_text=offer.price_text,
            coupon_code=offer.coupon_code,
            conditions=offer.conditions,
            # Two offers in three have a picture: cards must look right either way.
            image=pictures.get(category_slug) if number % 3 != 2 else None,
        )
        shop.add_child(instance=page)
        page.save_revision().publish()
        report.add(f"offre « {page.title} » ({shop.title})")
