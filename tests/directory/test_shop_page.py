"""The shop page: everything a resident needs to walk in."""

import io
import re
from datetime import date

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage

from directory.models import ShopPhoto
from directory.shop_details import tel_href
from directory.shop_hours import upcoming_special_hours, week_table
from tests.factories import ImageFactory, ServiceFactory, ShopPageFactory
from tests.html import VALIDATES_HTML, inline_code, validate_html
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

WEEKDAYS_WITH_LUNCH_BREAK = [
    *((day, "09:00", "12:30") for day in range(5)),
    *((day, "13:30", "18:30") for day in range(5)),
    (5, "10:00", "17:00"),
]


def large_image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 1200), "#b5651d").save(buffer, format="JPEG")
    return ImageFactory(file=ImageFile(buffer, name="vitrine.jpg"))


@pytest.fixture
def bakery():
    shop = ShopPageFactory(
        title="Boulangerie Dupont",
        short_description="Pain au levain et viennoiseries.",
        description="<p>Depuis 1952, <b>au feu de bois</b>.</p>",
        latitude=50.4669,
        longitude=4.8675,
        phone="+32 81 23 45 67",
        email="bonjour@dupont.example",
        website="https://dupont.example",
        online_shop_url="https://dupont.example/boutique",
        booking_url="https://dupont.example/reserver",
        facebook_url="https://www.facebook.com/dupont",
        instagram_url="https://www.instagram.com/dupont",
        hours=WEEKDAYS_WITH_LUNCH_BREAK,
        special=[
            # Thursday of this week: the baker's day off.
            dict(start_date=date(2026, 11, 26), end_date=date(2026, 11, 26), label="Congé"),
            dict(
                start_date=date(2026, 12, 24),
                end_date=date(2026, 12, 24),
                label="Réveillon",
                opens="07:00",
                closes="14:00",
            ),
            dict(
                start_date=date(2026, 12, 25),
                end_date=date(2026, 12, 27),
                label="Congés de Noël",
                closed=True,
            ),
            dict(start_date=date(2026, 11, 1), end_date=date(2026, 11, 2), closed=True),
            dict(start_date=date(2027, 3, 1), end_date=date(2027, 3, 5), closed=True),
        ],
        services=[ServiceFactory(name="Livraison"), ServiceFactory(name="Paiement par carte")],
        tags=["levain", "bio"],
        hours_confirmed_on=date(2026, 11, 2),
    )
    # The Thursday row above has neither hours nor "closed": make it a closed day.
    shop.special_hours.filter(label="Congé").update(closed=True)
    return shop


def html_of(client, shop):
    response = client.get(shop.url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@VALIDATES_HTML
def test_shop_page_is_valid_html_without_inline_code(client, now, bakery):
    bakery.photos = [
        ShopPhoto(image=large_image(), alt_text="La vitrine de Noël"),
        ShopPhoto(image=ImageFactory(), alt_text="Le comptoir"),
    ]
    bakery.logo = ImageFactory()
    bakery.save_revision().publish()
    ShopPageFactory(title="Fleuriste du coin", latitude=50.467, longitude=4.868)
    html = html_of(client, bakery)
    assert validate_html({"shop page": html}) == []
    assert inline_code(html) == []


def test_shop_page_says_whether_the_shop_is_open_now(client, now, bakery):
    assert '<p class="shop__status">Ouvert · ferme à 12:30</p>' in html_of(client, bakery)


def test_week_runs_monday_to_sunday_with_today_highlighted(client, now, bakery):
    html = html_of(client, bakery)
    days = re.findall(r'<th scope="row">(\w+)', html)
    assert days == ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    today_rows = re.findall(r'<tr [^>]*aria-current="date"[^>]*>\s*<th scope="row">(\w+)', html)
    assert today_rows == ["Mardi"]


def test_week_shows_every_range_of_a_day_and_closed_days(now, bakery):
    week = week_table(bakery, date(2026, 11, 24))
    assert [row.ranges for row in week] == [
        ["09:00–12:30", "13:30–18:30"],
        ["09:00–12:30", "13:30–18:30"],
        ["09:00–12:30", "13:30–18:30"],
        [],  # the day off
        ["09:00–12:30", "13:30–18:30"],
        ["10:00–17:00"],
        [],
    ]
    assert [row.is_today for row in week] == [False, True, False, False, False, False, False]
    assert week[3].special_label == "Congé"


def test_closed_days_say_closed_in_the_week(client, now, bakery):
    text = text_of(html_of(client, bakery))
    assert "Jeudi Fermé (Congé)" in text
    assert "Dimanche Fermé" in text


def test_night_range_is_shown_on_the_day_it_starts():
    bar = ShopPageFactory(hours=[(4, "22:00", "02:00")])
    week = week_table(bar, date(2026, 11, 24))
    assert week[4].ranges == ["22:00–02:00"]
    assert week[5].ranges == []


def test_upcoming_special_hours_of_the_next_sixty_days_in_order(client, now, bakery):
    periods = upcoming_special_hours(bakery, date(2026, 11, 24))
    assert [(p.start_date, p.end_date, p.label, p.closed, p.ranges) for p in periods] == [
        (date(2026, 11, 26), date(2026, 11, 26), "Congé", True, []),
        (date(2026, 12, 24), date(2026, 12, 24), "Réveillon", False, ["07:00–14:00"]),
        (date(2026, 12, 25), date(2026, 12, 27), "Congés de Noël", True, []),
        # A public holiday, closed by the shop's rule: a Friday, usually open.
        (date(2027, 1, 1), date(2027, 1, 1), "Nouvel An", True, []),
    ]
    text = text_of(html_of(client, bakery))
    assert "Le jeudi 24 décembre · Réveillon : 07:00–14:00" in text
    assert "Du 25 décembre au 27 décembre · Congés de Noël : fermé" in text
    assert "1 mars" not in text


def test_special_hours_with_several_ranges_on_the_same_dates_are_one_period():
    shop = ShopPageFactory(
        special=[
            dict(
                start_date=date(2026, 12, 5),
                end_date=date(2026, 12, 5),
                label="Braderie",
                opens="14:00",
                closes="20:00",
            ),
            dict(
                start_date=date(2026, 12, 5),
                end_date=date(2026, 12, 5),
                label="Braderie",
                opens="08:00",
                closes="12:00",
            ),
        ]
    )
    (period,) = upcoming_special_hours(shop, date(2026, 11, 24))
    assert period.ranges == ["08:00–12:00", "14:00–20:00"]


def test_special_hours_in_progress_are_still_announced():
    shop = ShopPageFactory(
        special=[dict(start_date=date(2026, 11, 20), end_date=date(2026, 11, 30), closed=True)]
    )
    (period,) = upcoming_special_hours(shop, date(2026, 11, 24))
    assert period.start_date == date(2026, 11, 20)


def test_hours_confirmation_date_is_shown(client, now, bakery):
    assert "Horaires vérifiés le 2 novembre 2026" in html_of(client, bakery)


def test_shop_without_hours_says_they_are_unknown_not_closed(client, now):
    shop = ShopPageFactory()
    html = html_of(client, shop)
    assert '<p class="shop__status">Horaires inconnus</p>' in html
    assert "<table" not in html
    assert "Fermé" not in html


def test_directions_link_carries_the_shop_coordinates(client, now, bakery):
    html = html_of(client, bakery)
    links = re.findall(r'<a [^>]*href="([^"]*openstreetmap.org/directions[^"]*)"', html)
    assert links
    assert all("50.466900" in link and "4.867500" in link for link in links)
    assert ">Itinéraire</a>" in html


def test_phone_is_a_tap_to_call_link(client, now, bakery):
    html = html_of(client, bakery)
    assert '<a href="tel:+3281234567" data-intent="call">+32 81 23 45 67</a>' in html


def test_tel_href_keeps_only_what_a_phone_dials():
    assert tel_href("081 / 23.45.67") == "tel:081234567"
    assert tel_href("") == ""


def test_contact_and_web_links_are_shown(client, now, bakery):
    html = html_of(client, bakery)
    for href in [
        "mailto:bonjour@dupont.example",
        "https://dupont.example",
        "https://dupont.example/boutique",
        "https://dupont.example/reserver",
        "https://www.facebook.com/dupont",
        "https://www.instagram.com/dupont",
    ]:
        assert f'href="{href}"' in html


def test_services_and_description_are_shown(client, now, bakery):
    text = text_of(html_of(client, bakery))
    assert "Livraison" in text
    assert "Paiement par carte" in text
    assert "au feu de bois" in text


def test_map_reads_its_position_and_tiles_from_data_attributes(client, now, bakery):
    html = html_of(client, bakery)
    (element,) = re.findall(r'<div class="shop-map"[^>]*>', html)
    assert 'data-latitude="50.4669"' in element
    assert 'data-longitude="4.8675"' in element
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in element
    # Without JavaScript the map stays hidden: the address and the link are enough.
    assert " hidden" in element
    assert "/static/js/shop-map.js" in html


def test_photos_are_responsive_lazy_renditions_with_their_alt_text(client, now, bakery):
    bakery.photos = [ShopPhoto(image=large_image(), alt_text="La vitrine de Noël")]
    bakery.save_revision().publish()
    (img,) = re.findall(r"<img [^>]*La vitrine[^>]*>", html_of(client, bakery))
    assert 'alt="La vitrine de Noël"' in img
    assert 'loading="lazy"' in img
    assert re.search(r'srcset="\S+ 400w, \S+ 800w, \S+ 1200w"', img)
    assert 'width="400" height="300"' in img


def test_five_nearest_other_shops_with_their_distance(client, now, bakery):
    for number in range(7):
        ShopPageFactory(title=f"Voisin {number}", latitude=50.4669 + 0.001 * (number + 1))
    draft = ShopPageFactory(title="Voisin brouillon", latitude=50.46691)
    draft.unpublish()
    html = html_of(client, bakery)
    nearby = re.findall(r'class="nearby__name" href="[^"]+">([^<]+)</a>', html)
    assert nearby == ["Voisin 0", "Voisin 1", "Voisin 2", "Voisin 3", "Voisin 4"]
    assert "à 110 m" in text_of(html)


def test_head_has_canonical_description_and_opengraph(client, now, bakery):
    bakery.photos = [ShopPhoto(image=ImageFactory(), alt_text="La vitrine")]
    bakery.save_revision().publish()
    html = html_of(client, bakery)
    url = "http://testserver/commerces/boulangerie-dupont/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="Pain au levain et viennoiseries.">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Boulangerie Dupont">' in html
    assert '<meta property="og:locale" content="fr_BE">' in html
    assert '<meta property="og:type" content="website">' in html
    (image,) = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
    assert re.fullmatch(r"http://testserver/media/images/.+\.jpg", image)


def test_offers_and_stories_places_render_nothing_while_empty(client, now, bakery):
    text = text_of(html_of(client, bakery))
    assert "Offre" not in text
    assert "Histoire" not in text.replace("Histoires", "")


def add_many_details(shop, photos):
    shop.photos = [ShopPhoto(image=ImageFactory(), alt_text=f"Photo {n}") for n in range(photos)]
    shop.logo = ImageFactory()
    shop.save_revision().publish()


def count_queries(client, url):
    # The first request makes the site's settings row (which starts a new generation of
    # the kept shop pages) and warms the caches; the second keeps the shop's details.
    client.get(url)
    client.get(url)
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([query for query in context if "SAVEPOINT" not in query["sql"]])


def test_shop_page_stays_within_its_query_budget(
    client, now, bakery, django_assert_max_num_queries
):
    add_many_details(bakery, photos=5)
    for number in range(5):
        ShopPageFactory(title=f"Voisin {number}", hours=WEEKDAYS_WITH_LUNCH_BREAK)
    client.get(bakery.url)
    with django_assert_max_num_queries(15):
        assert client.get(bakery.url).status_code == 200


def test_shop_page_queries_do_not_grow_with_its_details(client, now):
    services = [ServiceFactory(name=f"Service {n}") for n in range(4)]
    small = ShopPageFactory(
        title="Petit", hours=[(0, "09:00", "18:00")], services=services[:1], tags=["a"]
    )
    add_many_details(small, photos=1)
    ShopPageFactory(title="Voisin seul")
    before = count_queries(client, small.url)

    big = ShopPageFactory(
        title="Grand",
        hours=WEEKDAYS_WITH_LUNCH_BREAK,
        special=[
            dict(start_date=date(2026, 12, d), end_date=date(2026, 12, d), closed=True)
            for d in range(1, 10)
        ],
        services=services,
        tags=["a", "b", "c"],
    )
    add_many_details(big, photos=5)
    for number in range(5):
        ShopPageFactory(title=f"Voisin {number}", hours=WEEKDAYS_WITH_LUNCH_BREAK)
    assert count_queries(client, big.url) == before


def test_nearby_leaves_out_shops_behind_a_view_restriction(client, now, bakery):
    from wagtail.models import PageViewRestriction

    ShopPageFactory(title="Voisin public", latitude=50.4675)
    private = ShopPageFactory(title="Voisin privé", latitude=50.4670)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    nearby = re.findall(r'class="nearby__name" href="[^"]+">([^<]+)</a>', html_of(client, bakery))
    assert nearby == ["Voisin public"]


def test_breadcrumb_leads_from_home_to_the_shop(client, now, bakery):
    html = html_of(client, bakery)
    (trail,) = re.findall(r'<nav class="breadcrumb".*?</nav>', html, flags=re.S)
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', trail) == [
        ("/", "Accueil"),
        ("/commerces/", "Commerces"),
        ("/commerces/boulangerie-dupont/", "Boulangerie Dupont"),
    ]
    assert 'aria-current="page">Boulangerie Dupont' in trail
