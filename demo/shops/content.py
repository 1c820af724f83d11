"""What the demo shops are: categories, districts, services, the shops themselves
and their hours (special hours relative to the day the demo is seeded); `seed.py`
turns them into pages, and `generated.py` draws its shops from the same categories
and districts."""

from dataclasses import dataclass
from datetime import time, timedelta

from directory.models import SchemaType, SpecialHours

POSTCODE = "5999"
LOCALITY = "Vilvèze"
# The town centre the demo is drawn around (a made-up town in Wallonia).
TOWN_CENTRE = (50.46, 4.87)
# Belgian subscriber numbers never start with 0, so "081 00 .. .." reaches nobody.
PHONE_PREFIX = "081 00"
KM_PER_DEGREE = 111.2  # of latitude, and of longitude at the equator


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    schema_type: str
    colour: str
    # The paragraph every shop of the category gets after its own sentence.
    about: str
    # The words residents type for it (directory.search_terms).
    search_terms: str = ""


CATEGORIES = [
    DemoCategory(
        "boulangerie",
        "Boulangerie",
        SchemaType.BAKERY,
        "#c8873a",
        "Tout est pétri et cuit sur place, la nuit, avec des farines de moulins wallons.",
        "boulanger, boulangère, pain, croissant, viennoiseries, pâtisserie",
    ),
    DemoCategory(
        "boucherie",
        "Boucherie",
        SchemaType.BUTCHER_SHOP,
        "#a93226",
        "Les bêtes viennent de fermes de la province ; le boucher vous dit lesquelles.",
        "boucher, bouchère, viande, charcuterie, charcutier",
    ),
    DemoCategory(
        "fleuriste",
        "Fleuriste",
        SchemaType.FLORIST,
        "#c0508a",
        "Des fleurs de saison, des plantes en bonne santé et des conseils pour les garder.",
        "fleurs, bouquet, plantes, composition florale",
    ),
    DemoCategory(
        "librairie",
        "Librairie",
        SchemaType.BOOK_STORE,
        "#2c5aa0",
        "Un livre absent des rayons ? Il est commandé pour vous et arrive en deux jours.",
        "libraire, livres, bouquins, bande dessinée, roman",
    ),
    DemoCategory(
        "velos",
        "Vélos",
        SchemaType.BIKE_STORE,
        "#1f7a4d",
        "Vente, entretien et réparation : un diagnostic gratuit avant chaque intervention.",
        "vélociste, bicyclette, cycles, VTT, réparation vélo",
    ),
    DemoCategory(
        "vetements",
        "Mode et vêtements",
        SchemaType.CLOTHING_STORE,
        "#7d3c98",
        "Des vêtements choisis pour durer, et des cabines où l'on prend son temps.",
        "habits, prêt-à-porter, fringues, robe, pantalon, chemise",
    ),
    DemoCategory(
        "cafe",
        "Café",
        SchemaType.CAFE,
        "#6e4b3a",
        "Un endroit où l'on se retrouve entre voisins, avant ou après les courses.",
        "bar, brasserie, bistrot, estaminet, boire un verre",
    ),
    DemoCategory(
        "epicerie",
        "Épicerie",
        SchemaType.GROCERY_STORE,
        "#d68910",
        "Des produits choisis un à un, beaucoup venus de producteurs des environs.",
        "épicier, épicière, alimentation, supérette, produits locaux",
    ),
    DemoCategory(
        "coiffure",
        "Coiffure",
        SchemaType.HAIR_SALON,
        "#17806d",
        "Un salon de quartier où l'on prend le temps d'écouter ce que vous voulez.",
        "coiffeur, coiffeuse, salon de coiffure, barbier",
    ),
    DemoCategory(
        "optique",
        "Optique",
        SchemaType.OPTICIAN,
        "#34495e",
        "Ajustage et petites réparations gratuits, même pour des lunettes achetées ailleurs.",
        "opticien, opticienne, lunettes, lunettes de soleil, montures",
    ),
]


@dataclass(frozen=True)
class DemoDistrict:
    slug: str
    name: str
    latitude: float
    longitude: float
    streets: tuple[str, ...]


DISTRICTS = [
    DemoDistrict(
        "centre",
        "Centre",
        50.4662,
        4.8702,
        ("Grand-Place", "Rue du Marché aux Herbes", "Rue des Brasseurs", "Rue de l'Hôtel de Ville"),
    ),
    DemoDistrict(
        "gare",
        "Gare",
        50.4705,
        4.8618,
        ("Rue de la Station", "Place de la Gare", "Avenue des Combattants"),
    ),
    DemoDistrict(
        "tanneries",
        "Les Tanneries",
        50.4612,
        4.8771,
        ("Quai des Tanneurs", "Rue du Moulin", "Rue des Teinturiers"),
    ),
    DemoDistrict(
        "saint-roch",
        "Saint-Roch",
        50.4738,
        4.8796,
        ("Chaussée de Bruxelles", "Rue Saint-Roch", "Rue des Carmes"),
    ),
    DemoDistrict(
        "haut-vilveze",
        "Haut-Vilvèze",
        50.4551,
        4.8642,
        ("Rue du Château d'Eau", "Avenue des Tilleuls", "Rue de la Citadelle"),
    ),
    DemoDistrict(
        "champ-fleuri",
        "Champ-Fleuri",
        50.4634,
        4.8541,
        ("Chaussée de Namur", "Rue des Alouettes", "Rue du Champ Fleuri"),
    ),
]

# (slug, name, the words residents type for it)
SERVICES = [
    ("livraison", "Livraison à domicile", "livreur, livrer, à domicile"),
    ("click-collect", "Click & collect", "retrait en magasin, commander en ligne"),
    ("acces-pmr", "Accès PMR", "accessible, fauteuil roulant, chaise roulante, poussette"),
    ("paiement-carte", "Paiement par carte", "bancontact, carte bancaire, carte de crédit"),
    ("parking", "Parking à proximité", "stationnement, se garer, voiture"),
]

# The words residents type for some of the shops' keywords.
TAG_SEARCH_TERMS = {
    "audition": "appareil auditif, prothèse auditive, audioprothésiste, malentendant",
    "seconde main": "occasion, vintage, friperie, dépôt-vente",
    "examen de la vue": "test de vue, ophtalmologue",
    "lentilles": "lentilles de contact",
    "bio": "biologique",
    "vrac": "sans emballage",
    "zéro déchet": "zero waste",
    "sans gluten": "coeliaque, intolérance au gluten",
    "à emporter": "take away, plats à emporter",
    "pistolets": "petits pains",
    "vélo électrique": "VAE, vélo à assistance électrique",
    "retouches": "couturière, couture, ourlet",
    "pralines": "chocolat, chocolatier",
    "plats préparés": "repas, plats cuisinés",
}

# Per category: (name, district slug, short description, tags). The names are invented.
SHOPS = {
    "boulangerie": [
        (
            "Boulangerie du Beffroi",
            "centre",
            "Pains au levain, viennoiseries pur beurre et tartes au riz cuites chaque matin "
            "au pied du beffroi.",
            ("fait maison", "levain"),
        ),
        (
            "Au Fournil de la Vèze",
            "tanneries",
            "Le fournil au feu de bois du bord de la Vèze : miches de campagne, cramiques et "
            "couques au sucre.",
            ("fait maison", "bio"),
        ),
        (
            "La Mie Vilvézienne",
            "saint-roch",
            "Pains spéciaux, sandwichs garnis à midi et gâteaux d'anniversaire sur commande.",
            ("sandwichs", "sur commande"),
        ),
        (
            "Pâtisserie Hautot",
            "gare",
            "Pâtisserie fine, pralines maison et bûches de fêtes, à deux pas de la gare.",
            ("pralines", "sur commande"),
        ),
        (
            "Boulangerie des Tilleuls",
            "haut-vilveze",
            "La boulangerie du Haut-Vilvèze : baguettes, pains complets et pistolets le dimanche.",
            ("pistolets",),
        ),
        (
            "Le Pain de Champ-Fleuri",
            "champ-fleuri",
            "Pains sans gluten et farines de meuniers de la région, pétris à la main.",
            ("sans gluten", "bio", "local"),
        ),
    ],
    "boucherie": [
        (
            "Boucherie Delvigne",
            "centre",
            "Bœuf blanc-bleu de fermes voisines, salaisons et plats préparés du jour.",
            ("local", "plats préparés"),
        ),
        (
            "Boucherie-charcuterie du Marché",
            "centre",
            "Charcuterie ardennaise, pâtés maison et colis pour le barbecue.",
            ("barbecue", "fait maison"),
        ),
        (
            "La Ferme en Ville",
            "champ-fleuri",
            "Viande et volaille en circuit court, directement des éleveurs de la région.",
            ("circuit court", "bio"),
        ),
        (
            "Traiteur Marchal-Vèze",
            "gare",
            "Boucherie et traiteur : buffets froids, boulettes sauce tomate et vol-au-vent.",
            ("traiteur", "plats préparés"),
        ),
        (
            "Volailles Saint-Roch",
            "saint-roch",
            "Poulets fermiers, dindes de Noël et œufs frais de plein air.",
            ("volaille", "circuit court"),
        ),
        (
            "Boucherie des Tanneurs",
            "tanneries",
            "Le boucher du quai : américain préparé, saucisses maison et conseils de cuisson.",
            ("fait maison",),
        ),
    ],
    "fleuriste": [
        (
            "Fleurs de la Grand-Place",
            "centre",
            "Bouquets de saison, compositions de deuil et livraison en ville le jour même.",
            ("bouquets", "deuil"),
        ),
        (
            "L'Atelier Pétale",
            "tanneries",
            "Fleuriste créatrice : ateliers de composition florale le samedi matin.",
            ("ateliers", "fleurs séchées"),
        ),
        (
            "Au Jardin de la Gare",
            "gare",
            "Plantes d'intérieur, bouquets à emporter pour le train et cartes de vœux.",
            ("plantes", "cadeaux"),
        ),
        (
            "Végétal & Cie",
            "saint-roch",
            "Plantes vertes, cactus et conseils pour fleurir les balcons de la ville.",
            ("plantes", "balcon"),
        ),
        (
            "Les Fleurs d'Hortense",
            "champ-fleuri",
            "Fleurs locales et de saison, cultivées sans pesticide à Champ-Fleuri.",
            ("local", "de saison"),
        ),
        (
            "Fleuriste du Château d'Eau",
            "haut-vilveze",
            "Bouquets de mariage, décoration de salles et abonnements floraux pour les commerces.",
            ("mariage", "abonnement"),
        ),
    ],
    "librairie": [
        (
            "Librairie La Page Tournée",
            "centre",
            "Romans, bandes dessinées et rencontres d'auteurs le premier jeudi du mois.",
            ("bande dessinée", "rencontres"),
        ),
        (
            "Le Bouquin Vagabond",
            "tanneries",
            "Livres d'occasion, éditions rares et vieux papiers : achat et vente.",
            ("seconde main", "livres anciens"),
        ),
        (
            "Bulles & Cases",
            "gare",
            "La librairie de la bande dessinée, des mangas et des romans graphiques.",
            ("bande dessinée", "manga"),
        ),
        (
            "Librairie-papeterie du Centre",
            "centre",
            "Journaux, fournitures scolaires, cartes et livres pour la jeunesse.",
            ("papeterie", "jeunesse"),
        ),
        (
            "Les Mots Passants",
            "saint-roch",
            "Librairie générale indépendante : coups de cœur des libraires et commandes en "
            "48 heures.",
            ("indépendante", "commandes"),
        ),
        (
            "La Petite Bibliothèque du Haut",
            "haut-vilveze",
            "Albums pour les tout-petits et heure du conte le mercredi après-midi.",
            ("jeunesse", "heure du conte"),
        ),
    ],
    "velos": [
        (
            "Cycles de la Vèze",
            "tanneries",
            "Vente et réparation de vélos de ville, vélos électriques et vélos cargo.",
            ("réparation", "vélo électrique"),
        ),
        (
            "L'Atelier à Rayons",
            "champ-fleuri",
            "Atelier participatif : réparez votre vélo avec l'aide de nos mécaniciens.",
            ("réparation", "seconde main"),
        ),
        (
            "Vélo Station Vilvèze",
            "gare",
            "Location de vélos à la journée et entretien express, face à la gare.",
            ("location", "réparation"),
        ),
        (
            "Roue Libre Vilvèze",
            "centre",
            "Vélos de route et de gravel, équipement et sorties du dimanche matin.",
            ("sport",),
        ),
        (
            "Cargo & Co",
            "saint-roch",
            "Le spécialiste du vélo cargo pour les familles et les livreurs.",
            ("vélo cargo", "essai"),
        ),
        (
            "Bicyclerie du Haut",
            "haut-vilveze",
            "Vélos d'occasion révisés et garantis six mois.",
            ("seconde main", "réparation"),
        ),
    ],
    "vetements": [
        (
            "Maison Berthe",
            "centre",
            "Prêt-à-porter féminin, créatrices belges et retouches offertes.",
            ("créateurs belges", "retouches"),
        ),
        (
            "Le Vestiaire Solidaire",
            "saint-roch",
            "Vêtements de seconde main pour toute la famille, à petits prix.",
            ("seconde main", "enfants"),
        ),
        (
            "Atelier Fil Rouge",
            "tanneries",
            "Retouches, couture sur mesure et vêtements de travail.",
            ("retouches", "sur mesure"),
        ),
        (
            "Monsieur Gilles",
            "centre",
            "Mode masculine, costumes de cérémonie et chemises sur mesure.",
            ("homme", "cérémonie"),
        ),
        (
            "Les P'tits Loups",
            "champ-fleuri",
            "Vêtements et chaussures pour les enfants de 0 à 14 ans.",
            ("enfants",),
        ),
        (
            "Laine & Lin",
            "gare",
            "Mode durable en fibres naturelles, fabriquée en Europe.",
            ("durable", "bio"),
        ),
    ],
    "cafe": [
        (
            "Café de la Grand-Place",
            "centre",
            "Brasserie sur la place : bières de la région, croque-monsieur et terrasse au soleil.",
            ("terrasse", "bières locales"),
        ),
        (
            "Le Petit Torréfacteur",
            "gare",
            "Cafés de spécialité torréfiés sur place, à boire ou à emporter en grains.",
            ("café de spécialité", "à emporter"),
        ),
        (
            "Salon de thé des Tanneurs",
            "tanneries",
            "Thés, gaufres et tartes maison au bord de l'eau.",
            ("terrasse", "fait maison"),
        ),
        (
            "Le Quai 12",
            "tanneries",
            "Bar à bières et concerts acoustiques le vendredi soir, ouvert tard.",
            ("bières locales", "concerts"),
        ),
        (
            "Café des Sports de Saint-Roch",
            "saint-roch",
            "Le café du quartier : matchs à l'écran, couques du matin et jeux de cartes.",
            ("quartier",),
        ),
        (
            "La Tasse Ronde",
            "haut-vilveze",
            "Café-jeux : plus de 300 jeux de société, chocolats chauds et gâteaux.",
            ("jeux de société", "famille"),
        ),
    ],
    "epicerie": [
        (
            "Épicerie fine de la Vèze",
            "centre",
            "Fromages affinés, huiles, vins et paniers cadeaux composés à la demande.",
            ("fromages", "cadeaux"),
        ),
        (
            "Le Vrac de Vilvèze",
            "saint-roch",
            "Épicerie zéro déchet : tout en vrac, venez avec vos bocaux.",
            ("vrac", "zéro déchet", "bio"),
        ),
        (
            "Night Shop de la Station",
            "gare",
            "Ouvert tard le soir : boissons fraîches, en-cas et produits de dépannage.",
            ("ouvert tard", "dépannage"),
        ),
        (
            "Comptoir des Producteurs",
            "champ-fleuri",
            "Fruits, légumes et produits laitiers de vingt-cinq fermes à moins de 30 km.",
            ("local", "circuit court"),
        ),
        (
            "Épicerie du Monde",
            "tanneries",
            "Épices, riz et produits d'Afrique, d'Asie et du Maghreb.",
            ("épices", "monde"),
        ),
        (
            "Alimentation des Tilleuls",
            "haut-vilveze",
            "La supérette du quartier : pain frais, fruits et journaux.",
            ("quartier", "dépannage"),
        ),
    ],
    "coiffure": [
        (
            "Salon Capucine",
            "centre",
            "Coiffure femmes, hommes et enfants, avec ou sans rendez-vous.",
            ("sans rendez-vous",),
        ),
        (
            "Barbier de la Gare",
            "gare",
            "Taille de barbe au rasoir, coupes classiques et soins pour hommes.",
            ("barbier", "homme"),
        ),
        (
            "L'Hair du Temps",
            "tanneries",
            "Colorations végétales et coupes pour cheveux bouclés.",
            ("coloration végétale", "cheveux bouclés"),
        ),
        (
            "Coiffure Saint-Roch",
            "saint-roch",
            "Le salon du quartier depuis trente ans : mises en plis et permanentes.",
            ("quartier",),
        ),
        (
            "Studio Mèches",
            "champ-fleuri",
            "Coiffure mixte, tresses et coiffures de mariage.",
            ("mariage",),
        ),
        (
            "Le Salon d'Élise",
            "haut-vilveze",
            "Nouveau salon de coiffure, ouverture prochaine : les horaires arrivent bientôt.",
            ("nouveau",),
        ),
    ],
    "optique": [
        (
            "Optique de la Grand-Place",
            "centre",
            "Lunettes de vue et solaires, examen de la vue sur rendez-vous.",
            ("examen de la vue",),
        ),
        (
            "Lunetterie de la Vèze",
            "tanneries",
            "Montures de créateurs et réparation de lunettes en une heure.",
            ("réparation", "créateurs"),
        ),
        (
            "Optique & Audition du Centre",
            "centre",
            "Lunettes, lentilles et appareils auditifs, essais gratuits.",
            ("audition", "lentilles"),
        ),
        (
            "Le Regard de Saint-Roch",
            "saint-roch",
            "Opticien indépendant : lunettes pour enfants et montures écoresponsables.",
            ("enfants", "durable"),
        ),
        (
            "Optique des Tilleuls",
            "haut-vilveze",
            "Des lunettes à prix doux, et la seconde paire offerte.",
            ("petits prix",),
        ),
        (
            "Vision Champ-Fleuri",
            "champ-fleuri",
            "Lentilles de contact, lunettes de sport et conseil à domicile sur rendez-vous.",
            ("lentilles", "sport"),
        ),
    ],
}

# --- Weekly hours ------------------------------------------------------------------

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TUE_TO_FRI = (TUE, WED, THU, FRI)
TUE_TO_SAT = (TUE, WED, THU, FRI, SAT)
MON_TO_SAT = (MON, TUE, WED, THU, FRI, SAT)
EVERY_DAY = tuple(range(7))


def week(*rows):
    """Weekly hours from (days, [(opens, closes), ...]) rows, as (weekday, opens, closes)."""
    return [
        (day, time.fromisoformat(opens), time.fromisoformat(closes))
        for days, ranges in rows
        for day in days
        for opens, closes in ranges
    ]


LUNCH_BREAK = [("09:30", "12:30"), ("13:30", "18:30")]

# The usual week of each category; SHOP_HOURS below overrides it for a few shops.
CATEGORY_HOURS = {
    # Closed on Monday, open on Sunday morning.
    "boulangerie": week((TUE_TO_SAT, [("06:30", "18:30")]), ((SUN,), [("07:00", "13:00")])),
    "boucherie": week(
        (TUE_TO_FRI, [("08:30", "12:30"), ("13:30", "18:30")]), ((SAT,), [("08:00", "16:00")])
    ),
    "fleuriste": week((MON_TO_SAT, [("09:30", "18:30")]), ((SUN,), [("09:00", "12:30")])),
    "librairie": week((TUE_TO_SAT, [("10:00", "18:30")])),
    "velos": week((TUE_TO_FRI, LUNCH_BREAK), ((SAT,), [("10:00", "17:00")])),
    "vetements": week(((MON,), [("13:00", "18:30")]), (TUE_TO_SAT, [("10:00", "18:30")])),
    # Friday and Saturday nights end after midnight and belong to the day they start.
    "cafe": week(
        ((MON, TUE, WED, THU), [("08:00", "23:00")]),
        ((FRI, SAT), [("08:00", "01:00")]),
        ((SUN,), [("10:00", "22:00")]),
    ),
    "epicerie": week((MON_TO_SAT, [("08:30", "19:00")])),
    "coiffure": week(
        ((TUE, WED, FRI), [("09:00", "18:00")]),
        ((THU,), [("09:00", "20:00")]),
        ((SAT,), [("08:30", "15:00")]),
    ),
    "optique": week((TUE_TO_FRI, LUNCH_BREAK), ((SAT,), [("09:30", "17:00")])),
}

SHOP_HOURS = {
    "Le Quai 12": week(((WED, THU, FRI, SAT, SUN), [("17:00", "02:00")])),
    "Night Shop de la Station": week((EVERY_DAY, [("18:00", "03:00")])),
    "Boulangerie des Tilleuls": week((EVERY_DAY, [("07:00", "13:00")])),
    # A new salon whose hours nobody knows yet: the site must say "Horaires inconnus".
    "Le Salon d'Élise": [],
}

# Public holidays (directory.models.HolidayRule): most shops close, as in any Belgian
# town. The bakeries open in the morning, as Belgian bakeries do on Christmas and Easter
# Monday; the night shop, the bar and the everyday bakery keep their usual hours.
CATEGORY_HOLIDAY_HOURS = {"boulangerie": [("07:00", "12:00")]}
USUAL_HOURS_ON_HOLIDAYS = ("Night Shop de la Station", "Le Quai 12", "Boulangerie des Tilleuls")


def holiday_rule_for(name, category_slug):
    """(rule, [(opens, closes)]) of a demo shop on public holidays: "closed", "usual",
    or "own" with its ranges."""
    if name in USUAL_HOURS_ON_HOLIDAYS:
        return "usual", []
    if category_slug in CATEGORY_HOLIDAY_HOURS:
        ranges = CATEGORY_HOLIDAY_HOURS[category_slug]
        return "own", [
            (time.fromisoformat(opens), time.fromisoformat(closes)) for opens, closes in ranges
        ]
    return "closed", []


# Shops on holiday next week, and the shops of the centre open for the braderie.
ON_HOLIDAY_NEXT_WEEK = ("Boucherie des Tanneurs", "Librairie La Page Tournée")
BRADERIE_CATEGORIES = ("librairie", "velos", "vetements", "optique", "fleuriste")


def special_hours_for(name, category_slug, district_slug, today):
    """Special hours relative to `today`: "Congés" all of next week (Monday to Sunday) for
    a few shops, and the braderie on the Sunday of the week after for the centre."""
    next_monday = today + timedelta(days=7 - today.weekday())
    rows = []
    if name in ON_HOLIDAY_NEXT_WEEK:
        rows.append(
            SpecialHours(
                start_date=next_monday,
                end_date=next_monday + timedelta(days=6),
                label="Congés",
                closed=True,
            )
        )
    if district_slug == "centre" and category_slug in BRADERIE_CATEGORIES:
        braderie = next_monday + timedelta(days=13)
        rows.append(
            SpecialHours(
                start_date=braderie,
                end_date=braderie,
                label="Braderie",
                opens=time(10),
                closes=time(19),
            )
        )
    return rows
