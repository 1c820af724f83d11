"""The site's frame in the demo: the home page, the three sections (commerces, offres,
histoires), the standard pages (à propos, commerçants, vie privée), the site settings
and the administrator's account. The first step of `demo.runner.seed_demo`.

The home page replaces the welcome page Wagtail creates on install; every page is
created only when its slug is missing, so an edited page is left as it is.
"""

from django.contrib.auth import get_user_model
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.models import Page, Site

from core.site_url import sync_default_site
from demo.accounts import ADMIN_ACCOUNT
from demo.images import demo_image
from demo.pages import child_page
from directory.models import DirectoryPage
from home.models import HomePage, SiteSettings, StandardPage
from offers.models import OffersPage
from stories.models import StoriesPage

CITY = "Vilvèze"


# --- Images ------------------------------------------------------------------

AWNING_COLOURS = ["#c0392b", "#1f7a4d", "#2c5aa0", "#d68910", "#7d3c98", "#17806d"]


def draw_street(width=1600, height=600):
    """A row of shopfronts with striped awnings: the home page's decorative header."""
    picture = PillowImage.new("RGB", (width, height), "#dfe7ef")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 0.82, width, height], fill="#8a8d91")  # pavement
    shop_width = width // 6
    for index, colour in enumerate(AWNING_COLOURS):
        left = index * shop_width
        top = 90 + (index % 3) * 25
        draw.rectangle([left + 6, top, left + shop_width - 6, height * 0.82], fill="#f3efe6")
        for stripe in range(0, shop_width - 12, 24):
            fill = colour if (stripe // 24) % 2 == 0 else "#ffffff"
            draw.rectangle(
                [left + 6 + stripe, top + 150, left + 6 + stripe + 24, top + 200], fill=fill
            )
        draw.rectangle(
            [left + 30, top + 230, left + shop_width - 30, height * 0.82 - 10],
            fill="#9fc3e0",
            outline="#4a4a4f",
            width=4,
        )
        draw.rectangle([left + 20, top + 30, left + shop_width - 20, top + 120], fill=colour)
    return picture


def draw_logo(size=256):
    """The town's mark: a shopfront in a rounded square."""
    picture = PillowImage.new("RGB", (size, size), "#0a4f8f")
    draw = ImageDraw.Draw(picture)
    unit = size // 8
    draw.polygon(
        [
            (unit, 3 * unit),
            (2 * unit, unit + unit // 2),
            (6 * unit, unit + unit // 2),
            (7 * unit, 3 * unit),
        ],
        fill="#f2b134",
    )
    draw.rectangle([int(1.5 * unit), 3 * unit, int(6.5 * unit), 7 * unit], fill="#ffffff")
    draw.rectangle([int(3.3 * unit), int(4.5 * unit), int(4.7 * unit), 7 * unit], fill="#0a4f8f")
    return picture


# --- Pages -------------------------------------------------------------------


def ensure_home_page(report):
    """The site's HomePage, replacing the welcome page Wagtail creates on install."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        hero = demo_image(
            "Vitrines de la rue du Marché", draw_street(), "Une rue commerçante", report
        )
        home = child_page(
            root,
            HomePage,
            "accueil",
            report,
            title="Accueil",
            hero_heading=f"Les commerces de {CITY}, près de chez vous",
            hero_text=(
                "Trouvez une boulangerie ouverte, un fleuriste près de la gare ou l'offre "
                "de la semaine de votre boucher : tous les commerces de la ville, à jour, "
                "au même endroit."
            ),
            hero_image=hero,
            search_description=(
                f"Horaires, adresses et offres de la semaine des commerces de {CITY}."
            ),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, is_default_site=True, root_page=home
        )
    # At the address `make run` serves it from (SITE_URL), like `migrate` leaves it.
    sync_default_site()
    site.refresh_from_db()
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = f"Vitrine {CITY}"
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page is of the base Page type.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def ensure_site_settings(home, report):
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    if not settings.city_name:
        settings.city_name = CITY
        settings.logo = demo_image("Logo de la ville", draw_logo(), "", report)
        settings.contact_address = "Administration communale\nGrand-Place 1\n5999 Vilvèze"
        settings.contact_phone = "081 00 00 00"
        settings.contact_email = "commerce@vilveze.example"
        settings.save()
        report.add("réglages du site")
    return settings


SECTIONS = [
    (
        DirectoryPage,
        "commerces",
        "Commerces",
        "Tous les commerces de Vilvèze : horaires, adresse, téléphone et itinéraire.",
    ),
    (
        OffersPage,
        "offres",
        "Offres de la semaine",
        "Les bons plans que les commerçants publient chaque semaine. Une offre terminée "
        "disparaît d'elle-même.",
    ),
    (
        StoriesPage,
        "histoires",
        "Histoires",
        "Ils font vivre nos quartiers : portraits de commerçants et campagnes de la ville.",
    ),
]

STANDARD_PAGES = [
    (
        "a-propos",
        "À propos",
        "Vitrine est le site des commerces de Vilvèze, publié par la Ville.",
        "<h2>Une vitrine pour le commerce local</h2>"
        "<p>Vitrine rassemble les commerces de la ville, leurs horaires et leurs offres de "
        "la semaine, pour vous donner envie de pousser leur porte.</p>"
        "<h2>Qui publie quoi ?</h2>"
        "<p>Chaque commerçant tient à jour sa fiche et ses offres. Le service communication "
        "de la Ville publie les histoires et les campagnes.</p>",
    ),
    (
        "commercants",
        "Commerçants : rejoignez-nous",
        "Votre commerce est à Vilvèze ? Votre fiche et vos offres sont gratuites.",
        "<h2>Ce que vous y gagnez</h2>"
        "<ul><li>Une fiche à jour : horaires, adresse, téléphone, itinéraire.</li>"
        "<li>Une offre de la semaine publiée en moins d'une minute.</li>"
        "<li>Le nombre de personnes que le site vous envoie.</li></ul>"
        "<h2>Comment s'inscrire ?</h2>"
        "<p>Écrivez au service du commerce local de la Ville : nous créons votre compte et "
        "votre fiche avec vous.</p>",
    ),
    (
        "vie-privee",
        "Vie privée",
        "Ce site ne vous suit pas.",
        "<h2>Pas de cookie, pas de traceur</h2>"
        "<p>Le site ne dépose aucun cookie chez les visiteurs et ne charge aucun service "
        "tiers, à l'exception des fonds de carte.</p>"
        "<h2>Ce que le site compte</h2>"
        "<p>Pour savoir s'il amène du monde dans les commerces, le site compte, jour par "
        "jour :</p>"
        "<ul><li>combien de fois chaque fiche de commerce, offre, histoire, campagne et "
        "l'annuaire sont affichés ;</li>"
        "<li>combien de fois on clique, pour un commerce, sur « Itinéraire », son téléphone, "
        "son e-mail, son site web, sa boutique en ligne ou sa réservation ;</li>"
        "<li>quelle histoire, campagne ou offre a mené à la fiche, quand on arrive depuis "
        "l'une d'elles ;</li>"
        "<li>les mots cherchés dans l'annuaire (sans majuscules ni accents) et s'ils ont "
        "trouvé un commerce ; une recherche qui ressemble à une adresse e-mail ou à un "
        "numéro de téléphone n'est pas gardée.</li></ul>"
        "<p>Seuls ces totaux par jour sont enregistrés. Le site n'enregistre ni votre "
        "adresse IP, ni votre navigateur, ni aucun identifiant, et ne dépose rien sur votre "
        "appareil : personne ne peut savoir qui a vu quoi. Pour qu'un programme ne puisse "
        "pas gonfler les chiffres, votre adresse IP, rendue illisible, sert à compter vos "
        "envois pendant dix minutes au plus, en mémoire ; elle n'est jamais écrite.</p>"
        "<p>Les robots, l'équipe de la Ville et les commerçants connectés ne sont pas "
        "comptés. Ces totaux montrent à la Ville et aux commerçants ce que le site leur "
        "apporte.</p>",
    ),
]


def ensure_sections(home, report):
    for model, slug, title, intro in SECTIONS:
        child_page(
            home, model, slug, report, title=title, intro=f"<p>{intro}</p>", show_in_menus=True
        )
    for slug, title, intro, body in STANDARD_PAGES:
        child_page(home, StandardPage, slug, report, title=title, intro=intro, body=body)


def ensure_admin(report):
    user_model = get_user_model()
    if not user_model.objects.filter(username=ADMIN_ACCOUNT.username).exists():
        user_model.objects.create_superuser(
            ADMIN_ACCOUNT.username,
            email="admin@vilveze.example",
            password=ADMIN_ACCOUNT.password,
            first_name="Camille",
            last_name="Admin",
        )
        report.add(f"compte « {ADMIN_ACCOUNT.username} »")
    report.accounts.append(ADMIN_ACCOUNT)


def seed_site(report):
    home = ensure_home_page(report)
    ensure_site_settings(home, report)
    ensure_sections(home, report)
    ensure_admin(report)
