"""Demo offers of Vilvèze's shops: a step of `demo.runner.seed_demo`, after the shops.

About forty current offers spread over the demo shops, a few that have ended (their
address answers 410) and a few that start next week (404 until then). Dates are
relative to the day the demo is built, and so is the season of the seasonal offers (a
barbecue pack in summer, a wool collection in winter; demo.seasons); an offer that
names a weekday ("le pain du dimanche") runs over that weekday. The rest is fixed, so
the same shops get the same offers every time. Like the rest of the demo it is French
and fictional, and it only creates what is missing: an offer whose slug exists under
its shop is left as is.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw

from core import tree
from core.clock import today
from demo.images import demo_image
from demo.seasons import Season, next_weekday, season_of
from demo.shops.content import CATEGORIES
from directory.bulk_pages import insert_live_pages
from directory.models import ShopPage, Weekday
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
    # The weekday its title or text names, which its dates must include.
    weekday: int | None = None


AUTUMN, WINTER, SPRING, SUMMER = Season.AUTUMN, Season.WINTER, Season.SPRING, Season.SUMMER


OFFERS = {
    "boulangerie": [
        DemoOffer(
            "Le pain du dimanche à moitié prix",
            "Le dimanche après 11 h, nos miches au levain de la veille à moitié prix.",
            OfferKind.PROMOTION,
            "-50 %",
            weekday=Weekday.SUNDAY,
        ),
        {
            WINTER: DemoOffer(
                "Pain d'épices de l'hiver",
                "Notre pain d'épices au miel de la vallée, en tranches ou entier.",
                OfferKind.WEEKLY_SPECIAL,
                "3,20 € les 250 g",
            ),
            SPRING: DemoOffer(
                "Tarte à la rhubarbe du printemps",
                "La rhubarbe d'un maraîcher voisin sur notre pâte sablée, en part ou entière.",
                OfferKind.WEEKLY_SPECIAL,
                "3,20 € la part",
            ),
            SUMMER: DemoOffer(
                "Tarte aux fraises de l'été",
                "Des fraises de pleine terre sur une crème vanillée, en part ou entière.",
                OfferKind.WEEKLY_SPECIAL,
                "3,50 € la part",
            ),
            AUTUMN: DemoOffer(
                "Tarte aux pommes d'automne",
                "Les pommes d'un verger de la vallée sur notre pâte brisée, en part ou entière.",
                OfferKind.WEEKLY_SPECIAL,
                "3,20 € la part",
            ),
        },
    ],
    "boucherie": [
        {
            WINTER: DemoOffer(
                "Colis raclette d'hiver",
                "Fromage à raclette, jambons et salaisons de la maison pour quatre personnes.",
                OfferKind.PROMOTION,
                "29 € au lieu de 35 €",
                conditions="Sur commande, la veille avant 17 h.",
            ),
            SPRING: DemoOffer(
                "Colis agneau de printemps",
                "Gigot, côtelettes et navarin d'agneau d'une ferme voisine pour quatre.",
                OfferKind.PROMOTION,
                "32 € au lieu de 38 €",
                conditions="Sur commande, la veille avant 17 h.",
            ),
            SUMMER: DemoOffer(
                "Colis barbecue de l'été",
                "Saucisses, côtes et brochettes marinées pour quatre personnes.",
                OfferKind.PROMOTION,
                "29 € au lieu de 35 €",
                conditions="Sur commande, la veille avant 17 h.",
            ),
            AUTUMN: DemoOffer(
                "Colis pot-au-feu d'automne",
                "Plat de côtes, jarret et os à moelle pour un pot-au-feu de six personnes.",
                OfferKind.PROMOTION,
                "27 € au lieu de 33 €",
                conditions="Sur commande, la veille avant 17 h.",
            ),
        },
        DemoOffer(
            "Dégustation de salaisons",
            "Samedi matin, goûtez nos jambons séchés et nos pâtés maison au comptoir.",
            OfferKind.EVENT,
            weekday=Weekday.SATURDAY,
        ),
    ],
    "fleuriste": [
        DemoOffer(
            "Bouquet de saison",
            "Un bouquet composé des fleurs de la semaine, emballé sans plastique.",
            OfferKind.WEEKLY_SPECIAL,
            "15 €",
        ),
        {
            WINTER: DemoOffer(
                "Atelier couronne d'hiver",
                "Une heure pour composer votre couronne de sapin et de houx, matériel compris.",
                OfferKind.EVENT,
                "25 €",
                conditions="Huit places par atelier ; inscription au magasin.",
            ),
            SPRING: DemoOffer(
                "Atelier bouquet de printemps",
                "Une heure pour composer un bouquet de tulipes et de branches en fleurs.",
                OfferKind.EVENT,
                "25 €",
                conditions="Huit places par atelier ; inscription au magasin.",
            ),
            SUMMER: DemoOffer(
                "Atelier bouquet champêtre de l'été",
                "Une heure pour composer un bouquet de fleurs des champs, matériel compris.",
                OfferKind.EVENT,
                "25 €",
                conditions="Huit places par atelier ; inscription au magasin.",
            ),
            AUTUMN: DemoOffer(
                "Atelier couronne d'automne",
                "Une heure pour composer votre couronne de feuillages et de baies, matériel "
                "compris.",
                OfferKind.EVENT,
                "25 €",
                conditions="Huit places par atelier ; inscription au magasin.",
            ),
        },
    ],
    "librairie": [
        DemoOffer(
            "Rencontre avec une autrice de la région",
            "Lecture, échange et dédicace, jeudi à 18 h 30, autour de son premier roman.",
            OfferKind.EVENT,
            weekday=Weekday.THURSDAY,
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
        {
            WINTER: DemoOffer(
                "Révision d'hiver",
                "Freins, éclairage et pneus : votre vélo sûr par temps de gel et de pluie.",
                OfferKind.PROMOTION,
                "39 € au lieu de 55 €",
            ),
            SPRING: DemoOffer(
                "Révision de printemps",
                "Freins, dérailleur et pression : votre vélo prêt à ressortir du garage.",
                OfferKind.PROMOTION,
                "39 € au lieu de 55 €",
            ),
            SUMMER: DemoOffer(
                "Révision avant les vacances d'été",
                "Freins, dérailleur et porte-bagages : votre vélo prêt pour la balade.",
                OfferKind.PROMOTION,
                "39 € au lieu de 55 €",
            ),
            AUTUMN: DemoOffer(
                "Révision d'automne",
                "Freins, dérailleur, éclairage et pression : votre vélo prêt pour les jours "
                "plus courts.",
                OfferKind.PROMOTION,
                "39 € au lieu de 55 €",
            ),
        },
        DemoOffer(
            "Nouveaux vélos cargo",
            "Trois modèles de vélos cargo à essayer en magasin, avec ou sans assistance.",
            OfferKind.NEW_ARRIVAL,
        ),
    ],
    "vetements": [
        {
            WINTER: DemoOffer(
                "Pulls en laine des Ardennes",
                "La collection d'hiver tricotée en Belgique vient d'arriver.",
                OfferKind.NEW_ARRIVAL,
            ),
            SPRING: DemoOffer(
                "Vestes légères de printemps",
                "La collection de printemps, cousue en Belgique, vient d'arriver.",
                OfferKind.NEW_ARRIVAL,
            ),
            SUMMER: DemoOffer(
                "Chemises en lin de l'été",
                "La collection d'été en lin belge vient d'arriver.",
                OfferKind.NEW_ARRIVAL,
            ),
            AUTUMN: DemoOffer(
                "Pulls en laine des Ardennes",
                "La collection d'automne tricotée en Belgique vient d'arriver.",
                OfferKind.NEW_ARRIVAL,
            ),
        },
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
            weekday=Weekday.WEDNESDAY,
        ),
    ],
    "epicerie": [
        DemoOffer(
            "Panier du producteur",
            "Légumes de saison d'une ferme de la vallée, à emporter le vendredi.",
            OfferKind.WEEKLY_SPECIAL,
            "12 €",
            weekday=Weekday.FRIDAY,
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
            weekday=Weekday.TUESDAY,
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

# Ended two to three weeks before the demo is seeded: the season of its last day.
ENDED = {
    WINTER: DemoOffer(
        "Déstockage d'hiver",
        "Les derniers articles de l'hiver à prix cassés.",
        OfferKind.PROMOTION,
        "-40 %",
    ),
    SPRING: DemoOffer(
        "Déstockage de printemps",
        "Les derniers articles du printemps à prix cassés.",
        OfferKind.PROMOTION,
        "-40 %",
    ),
    SUMMER: DemoOffer(
        "Braderie d'été",
        "Les derniers articles de l'été à prix cassés.",
        OfferKind.PROMOTION,
        "-40 %",
    ),
    AUTUMN: DemoOffer(
        "Déstockage d'automne",
        "Les derniers articles de l'automne à prix cassés.",
        OfferKind.PROMOTION,
        "-40 %",
    ),
}
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


def in_season(offer, day):
    """The DemoOffer of a slot for the season of `day`: the offer itself, or one of
    {season: DemoOffer}."""
    return offer[season_of(day)] if isinstance(offer, dict) else offer


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
        offer = in_season(choices[number % len(choices)], day)
        # Some started days ago, some today; some end today or tomorrow (the "se
        # termine bientôt" badge), most at the end of the week or later.
        start = day - timedelta(days=number % 5)
        end = day + timedelta(days=(number * 3) % 11)
        if offer.weekday is not None:
            # "Le pain du dimanche" runs until its Sunday at least.
            end = max(end, next_weekday(day, offer.weekday))
        planned.append((shop, offer, start, end))
    without_offers = [shop for shop in shops if shop not in with_offers]
    ended_start, ended_end = day - timedelta(days=20), day - timedelta(days=6)
    for shop in without_offers[:ENDED_COUNT]:
        planned.append((shop, in_season(ENDED, ended_end), ended_start, ended_end))
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
        # What add_child + save_revision + publish leave, in a tenth of the queries.
        insert_live_pages(shop, [page])
        report.add(f"offre « {page.title} » ({shop.title})")
