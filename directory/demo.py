"""Demo shops of Vilvèze, and generated shops for measuring.

`seed_shops` is a step of `home.demo.seed_demo`: about sixty fictional shops in ten
categories and six districts, with the variety the directory has to handle (lunch
breaks, closed on Monday, open past midnight, no known hours, a holiday closure next
week, a braderie). Like the rest of the demo it is deterministic, French and fictional:
phone numbers in an unassigned range, websites on `.example` domains.

`add_generated_shops` adds plain "Commerce 00001" shops by the thousand for the
benchmark. Wagtail's `add_child` + `publish` costs tens of queries a page, so those pages
are written in bulk, with every column Wagtail's own publishing would set, and indexed
by the search backend in batches.
"""

import math
import random
from dataclasses import dataclass
from datetime import time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from directory.models import (
    Category,
    DirectoryPage,
    District,
    OpeningHours,
    SchemaType,
    Service,
    ShopPage,
    ShopPhoto,
    ShopTag,
    SpecialHours,
)

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


CATEGORIES = [
    DemoCategory(
        "boulangerie",
        "Boulangerie",
        SchemaType.BAKERY,
        "#c8873a",
        "Tout est pétri et cuit sur place, la nuit, avec des farines de moulins wallons.",
    ),
    DemoCategory(
        "boucherie",
        "Boucherie",
        SchemaType.BUTCHER_SHOP,
        "#a93226",
        "Les bêtes viennent de fermes de la province ; le boucher vous dit lesquelles.",
    ),
    DemoCategory(
        "fleuriste",
        "Fleuriste",
        SchemaType.FLORIST,
        "#c0508a",
        "Des fleurs de saison, des plantes en bonne santé et des conseils pour les garder.",
    ),
    DemoCategory(
        "librairie",
        "Librairie",
        SchemaType.BOOK_STORE,
        "#2c5aa0",
        "Un livre absent des rayons ? Il est commandé pour vous et arrive en deux jours.",
    ),
    DemoCategory(
        "velos",
        "Vélos",
        SchemaType.BIKE_STORE,
        "#1f7a4d",
        "Vente, entretien et réparation : un diagnostic gratuit avant chaque intervention.",
    ),
    DemoCategory(
        "vetements",
        "Mode et vêtements",
        SchemaType.CLOTHING_STORE,
        "#7d3c98",
        "Des vêtements choisis pour durer, et des cabines où l'on prend son temps.",
    ),
    DemoCategory(
        "cafe",
        "Café",
        SchemaType.CAFE,
        "#6e4b3a",
        "Un endroit où l'on se retrouve entre voisins, avant ou après les courses.",
    ),
    DemoCategory(
        "epicerie",
        "Épicerie",
        SchemaType.GROCERY_STORE,
        "#d68910",
        "Des produits choisis un à un, beaucoup venus de producteurs des environs.",
    ),
    DemoCategory(
        "coiffure",
        "Coiffure",
        SchemaType.HAIR_SALON,
        "#17806d",
        "Un salon de quartier où l'on prend le temps d'écouter ce que vous voulez.",
    ),
    DemoCategory(
        "optique",
        "Optique",
        SchemaType.OPTICIAN,
        "#34495e",
        "Ajustage et petites réparations gratuits, même pour des lunettes achetées ailleurs.",
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

SERVICES = [
    ("livraison", "Livraison à domicile"),
    ("click-collect", "Click & collect"),
    ("acces-pmr", "Accès PMR"),
    ("cheques-commerce", "Chèques commerce de la ville acceptés"),
    ("paiement-carte", "Paiement par carte"),
    ("parking", "Parking à proximité"),
]

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


# --- Images ------------------------------------------------------------------------


def draw_category_logo(category, size=256):
    """A round badge in the category's colour with a white mark: enough to tell logos
    apart in a list of results."""
    picture = PillowImage.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.ellipse([8, 8, size - 8, size - 8], fill=category.colour)
    index = [c.slug for c in CATEGORIES].index(category.slug)
    unit = size // 8
    centre = size // 2
    sides = 3 + index % 5
    points = [
        (
            centre + 2 * unit * math.cos(2 * math.pi * turn / sides + index),
            centre + 2 * unit * math.sin(2 * math.pi * turn / sides + index),
        )
        for turn in range(sides)
    ]
    draw.polygon(points, fill="#ffffff")
    return picture


def draw_shopfront(category, width=800, height=600):
    """A shopfront with a striped awning in the category's colour."""
    picture = PillowImage.new("RGB", (width, height), "#dfe7ef")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 0.85, width, height], fill="#8a8d91")
    draw.rectangle([60, 80, width - 60, height * 0.85], fill="#f3efe6")
    draw.rectangle([90, 100, width - 90, 170], fill=category.colour)
    for left in range(60, width - 60, 40):
        fill = category.colour if (left // 40) % 2 == 0 else "#ffffff"
        draw.rectangle([left, 190, left + 40, 250], fill=fill)
    draw.rectangle([110, 290, 470, height * 0.85 - 20], fill="#9fc3e0", outline="#4a4a4f", width=5)
    draw.rectangle([520, 290, width - 110, height * 0.85], fill="#5d4037")
    return picture


# --- Reference data ----------------------------------------------------------------


def ensure_reference_data(report):
    """Categories, districts and services by slug; an existing row is left as edited."""
    categories = {}
    for category in CATEGORIES:
        categories[category.slug], created = Category.objects.get_or_create(
            slug=category.slug,
            defaults={"name": category.name, "schema_type": category.schema_type},
        )
        if created:
            report.add(f"catégorie « {category.name} »")
    districts = {}
    for district in DISTRICTS:
        districts[district.slug], created = District.objects.get_or_create(
            slug=district.slug,
            defaults={
                "name": district.name,
                "latitude": district.latitude,
                "longitude": district.longitude,
            },
        )
        if created:
            report.add(f"quartier « {district.name} »")
    services = {}
    for slug, name in SERVICES:
        services[slug], created = Service.objects.get_or_create(slug=slug, defaults={"name": name})
        if created:
            report.add(f"service « {name} »")
    return categories, districts, services


def scattered_point(centre, seed, radius_km):
    """A point within `radius_km` of `centre`, always the same for the same seed."""
    rng = random.Random(seed)
    # sqrt spreads points evenly over the disc rather than bunching them at its centre.
    distance = radius_km * rng.random() ** 0.5
    bearing = 2 * math.pi * rng.random()
    north_km = distance * math.cos(bearing)
    east_km = distance * math.sin(bearing)
    latitude = centre[0] + north_km / KM_PER_DEGREE
    longitude = centre[1] + east_km / (KM_PER_DEGREE * math.cos(math.radians(centre[0])))
    return round(latitude, 6), round(longitude, 6)


def phone_number(category_index, shop_index):
    return f"{PHONE_PREFIX} {10 + category_index:02d} {11 * (shop_index + 1):02d}"


def services_for(category_index, shop_index, district_slug):
    """A deterministic mix: most take cards, two thirds the city's vouchers..."""
    slugs = []
    number = category_index * 6 + shop_index
    if number % 3 != 2:
        slugs.append("cheques-commerce")
    if number % 7 != 3:
        slugs.append("paiement-carte")
    if number % 2 == 0:
        slugs.append("acces-pmr")
    if category_index in (1, 2, 3, 7) and shop_index % 2 == 0:
        slugs.append("livraison")
    if category_index in (0, 3, 5, 7) and shop_index % 3 != 1:
        slugs.append("click-collect")
    if district_slug in ("gare", "haut-vilveze", "champ-fleuri"):
        slugs.append("parking")
    return slugs


# --- The demo shops ----------------------------------------------------------------


def demo_shop_pages(categories, districts, services, images, today):
    """The unsaved ShopPages of the demo, each with its hours, photos, services and tags
    in memory, in a fixed order."""
    pages = []
    for category_index, category in enumerate(CATEGORIES):
        for shop_index, (name, district_slug, short, tags) in enumerate(SHOPS[category.slug]):
            slug = slugify(name)
            district = next(d for d in DISTRICTS if d.slug == district_slug)
            latitude, longitude = scattered_point(
                (district.latitude, district.longitude), slug, radius_km=0.4
            )
            street = district.streets[shop_index % len(district.streets)]
            number = 1 + random.Random(f"{slug}-number").randrange(120)
            hours = SHOP_HOURS.get(name, CATEGORY_HOURS[category.slug])
            logo, photo = images[category.slug]
            page = ShopPage(
                title=name,
                slug=slug,
                short_description=short,
                description=f"<p>{short}</p><p>{category.about}</p>",
                category=categories[category.slug],
                district=districts[district_slug],
                street=f"{street} {number}",
                postcode=POSTCODE,
                locality=LOCALITY,
                latitude=latitude,
                longitude=longitude,
                phone=phone_number(category_index, shop_index),
                reference=f"demo-{category_index * 6 + shop_index + 1:03d}",
                logo=logo if shop_index in (0, 2, 4) else None,
                opening_hours=[
                    OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
                    for order, (day, opens, closes) in enumerate(hours)
                ],
                special_hours=special_hours_for(name, category.slug, district_slug, today),
                photos=(
                    [ShopPhoto(image=photo, alt_text=f"La devanture de {name}")]
                    if shop_index in (0, 1, 3)
                    else []
                ),
                services=[
                    services[s] for s in services_for(category_index, shop_index, district_slug)
                ],
            )
            if shop_index != 5:
                page.website = f"https://{slug}.example/"
            if shop_index % 2 == 0:
                page.email = f"bonjour@{slug}.example"
            if category.slug in ("librairie", "vetements", "epicerie") and shop_index < 2:
                page.online_shop_url = f"https://{slug}.example/boutique/"
            if category.slug in ("coiffure", "optique", "velos") and shop_index < 4:
                page.booking_url = f"https://{slug}.example/rendez-vous/"
            if category.slug in ("cafe", "fleuriste", "vetements"):
                page.facebook_url = f"https://facebook.example/{slug}"
                page.instagram_url = f"https://instagram.example/{slug}"
            if (category_index + shop_index) % 3 == 0:
                page.hours_confirmed_on = today - timedelta(days=3 + 5 * shop_index)
            page.tags.set(list(tags))
            pages.append(page)
    return pages


def seed_shops(report):
    """The demo's shops under /commerces/; creates only those whose slug is missing."""
    from home.demo import demo_image

    directory = DirectoryPage.objects.first()
    if directory is None:
        return
    categories, districts, services = ensure_reference_data(report)
    existing = set(directory.get_children().values_list("slug", flat=True))
    if all(slugify(name) in existing for shops in SHOPS.values() for name, *_ in shops):
        return
    images = {
        category.slug: (
            demo_image(f"Logo {category.name}", draw_category_logo(category), "", report),
            demo_image(
                f"Devanture {category.name}",
                draw_shopfront(category),
                f"Une devanture de {category.name.lower()}",
                report,
            ),
        )
        for category in CATEGORIES
    }
    pages = [
        page
        for page in demo_shop_pages(categories, districts, services, images, timezone.localdate())
        if page.slug not in existing
    ]
    # Sixty add_child + publish round trips take seconds, and every test that uses the
    # demo pays them: the shops are written in bulk, with a first revision each so that
    # their history in the admin starts like any published page's.
    insert_live_shops(directory, pages, with_revisions=True)
    for page in pages:
        report.add(f"commerce « {page.title} »")


# --- Writing live shops in bulk ----------------------------------------------------


def prepare_live_page(page, parent, now):
    """Set the columns Wagtail's add_child and publish would set on a child of `parent`."""
    page.draft_title = page.title
    page.content_type = ContentType.objects.get_for_model(type(page))
    page.locale_id = parent.locale_id
    page.depth = parent.depth + 1
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now


def insert_live_shops(directory, pages, with_revisions=False):
    """Insert unsaved ShopPages, with their in-memory hours, photos, services and tags, as
    live children of `directory` after its last child, and index them for search.

    The result is what `add_child` + `publish` leave: tree path and depth, the parent's
    numchild, url_path, locale, content type, live with publication dates, search index
    entries; and with `with_revisions`, the revision, history entry and reference index
    too (the benchmark's shops go without them).
    """
    if not pages:
        return
    now = timezone.now()
    last_child = directory.get_last_child()
    position = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
    for offset, page in enumerate(pages, start=1):
        prepare_live_page(page, directory, now)
        page.path = Page._get_path(directory.path, page.depth, position + offset)

    # Django cannot bulk_create a multi-table child: insert the wagtailcore_page rows,
    # then the shop rows pointing at them, which is what Model.save() does for one page.
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages]
    Page.objects.bulk_create(base_rows)
    for page, base in zip(pages, base_rows, strict=True):
        page.id = page.page_ptr_id = base.pk
        page._state.adding = False
        page._state.db = base._state.db
    shop_fields = ShopPage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(shop_fields, pages))
    for start in range(0, len(pages), batch):
        ShopPage._base_manager._insert(pages[start : start + batch], fields=shop_fields)

    for relation in ("opening_hours", "special_hours", "photos", "tagged_items"):
        rows = []
        for page in pages:
            for row in getattr(page, relation).all():
                setattr(row, row._meta.get_field(_PARENT_KEYS[relation]).attname, page.pk)
                rows.append(row)
        if rows:
            type(rows[0]).objects.bulk_create(rows)
    through = ShopPage.services.through
    through.objects.bulk_create(
        through(shoppage_id=page.pk, service_id=service.pk)
        for page in pages
        for service in page.services.all()
    )
    Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(pages))
    directory.numchild += len(pages)

    if with_revisions:
        _record_publication(pages, now)

    # Index what publishing would have indexed, with the relations the indexed text reads
    # fetched once for the batch rather than once per shop.
    indexed = list(
        ShopPage.objects.filter(pk__in=[page.pk for page in pages])
        .select_related("category", "district")
        .prefetch_related("tags", "services")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ShopPage, indexed)


# The field of each child row that points at its shop.
_PARENT_KEYS = {
    "opening_hours": "shop",
    "special_hours": "shop",
    "photos": "shop",
    "tagged_items": "content_object",
}


def _record_publication(pages, now):
    """What `save_revision().publish()` leaves besides the page row: a published
    revision, a "publish" entry in the page's history and the reference index (which
    tells the admin where an image or a category is used)."""
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=page.content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=now,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = now
    Page.objects.bulk_update(
        pages, ["latest_revision", "live_revision", "latest_revision_created_at"]
    )
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=page.content_type,
            label=page.title,
            action="wagtail.publish",
            timestamp=now,
            revision=page.live_revision,
            content_changed=True,
            page_id=page.pk,
        )
        for page in pages
    )
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


# --- Generated shops for the benchmark ---------------------------------------------

GENERATED_PREFIX = "commerce-"
GENERATED_TAGS = ("artisan", "local", "bio", "seconde main", "fait maison", "nouveau")
# Shops are written and indexed this many at a time: big enough to amortise each query,
# small enough to keep memory flat at 10,000 shops.
BATCH_SIZE = 500


def generated_slug(number):
    return f"{GENERATED_PREFIX}{number:05d}"


def generated_shop(number, categories, districts, services, tags):
    """The unsaved "Commerce <number>" page, with its weekly hours, services and a tag."""
    category_index = number % len(CATEGORIES)
    category = CATEGORIES[category_index]
    district = DISTRICTS[(number // len(CATEGORIES)) % len(DISTRICTS)]
    slug = generated_slug(number)
    latitude, longitude = scattered_point(TOWN_CENTRE, slug, radius_km=2.0)
    rng = random.Random(slug)
    street = district.streets[rng.randrange(len(district.streets))]
    short = f"{category.name} du quartier {district.name}."
    tag = tags[GENERATED_TAGS[number % len(GENERATED_TAGS)]]
    return ShopPage(
        title=f"Commerce {number:05d}",
        slug=slug,
        short_description=short,
        description=f"<p>{short}</p><p>{category.about}</p>",
        category=categories[category.slug],
        district=districts[district.slug],
        street=f"{street} {1 + rng.randrange(200)}",
        postcode=POSTCODE,
        locality=LOCALITY,
        latitude=latitude,
        longitude=longitude,
        phone=f"{PHONE_PREFIX} {number // 100 % 100:02d} {number % 100:02d}",
        website=f"https://{slug}.example/",
        reference=f"bench-{number:05d}",
        opening_hours=[
            OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
            for order, (day, opens, closes) in enumerate(CATEGORY_HOURS[category.slug])
        ],
        services=[services[s] for s in services_for(category_index, number % 6, district.slug)],
        tagged_items=[ShopTag(tag=tag)],
    )


def add_generated_shops(count, report):
    """Make sure the generated shops "Commerce 00001" to "Commerce <count>" exist under
    the directory; returns how many were created. Each batch commits on its own."""
    directory = DirectoryPage.objects.first()
    if directory is None or count <= 0:
        return 0
    categories, districts, services = ensure_reference_data(report)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in GENERATED_TAGS}
    existing = set(
        directory.get_children()
        .filter(slug__startswith=GENERATED_PREFIX)
        .values_list("slug", flat=True)
    )
    missing = [n for n in range(1, count + 1) if generated_slug(n) not in existing]
    for start in range(0, len(missing), BATCH_SIZE):
        with transaction.atomic():
            pages = [
                generated_shop(number, categories, districts, services, tags)
                for number in missing[start : start + BATCH_SIZE]
            ]
            insert_live_shops(directory, pages)
    if missing:
        report.add(f"{len(missing)} commerces générés")
    return len(missing)
