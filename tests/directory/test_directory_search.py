"""The directory page: what a resident finds, filters and sorts."""

import json
import math

import pytest

from directory.geo import distance_m
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    ServiceFactory,
    ShopPageFactory,
    published_shops,
)

pytestmark = pytest.mark.django_db

ALL_WEEK = [(day, "00:00", "00:00") for day in range(7)]


def titles(response):
    return [card.shop.title for card in response.context["result"].page.object_list]


@pytest.fixture
def shops(db):
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    grocery = CategoryFactory(name="Épicerie", slug="epicerie")
    centre = DistrictFactory(name="Centre", slug="centre", latitude=50.4669, longitude=4.8675)
    gare = DistrictFactory(name="Gare", slug="gare", latitude=50.4690, longitude=4.8620)
    delivery = ServiceFactory(name="Livraison à domicile", slug="livraison")
    return {
        "dupont": ShopPageFactory(
            title="Boulangerie Dupont",
            category=bakery,
            district=centre,
            services=[delivery],
            latitude=50.4669,
            longitude=4.8675,
            hours=ALL_WEEK,
            tags=["pain au levain"],
        ),
        "lemaire": ShopPageFactory(
            title="Épicerie fine Lemaire",
            category=grocery,
            district=gare,
            latitude=50.4700,
            longitude=4.8600,
            hours=[],
        ),
        "comptoir": ShopPageFactory(
            title="Le Comptoir",
            category=grocery,
            district=centre,
            short_description="Produits locaux, boulangerie artisanale le samedi.",
            latitude=50.4800,
            longitude=4.9000,
            hours=ALL_WEEK,
        ),
    }


def test_text_search_ignores_accents_and_case(shops, client):
    response = client.get("/commerces/", {"q": "EPICERIE"})
    assert set(titles(response)) == {"Épicerie fine Lemaire", "Le Comptoir"}


def test_text_search_completes_a_prefix(shops, client):
    assert "Boulangerie Dupont" in titles(client.get("/commerces/", {"q": "boul"}))


def test_a_match_on_the_name_ranks_first(shops, client):
    assert titles(client.get("/commerces/", {"q": "boulangerie"}))[0] == "Boulangerie Dupont"


def test_a_match_on_a_later_word_of_the_name_ranks_first(shops, client):
    # "Le Comptoir" matches "fine" nowhere; a shop whose description says "fine" comes
    # after the shop whose name has the word, accents and case aside.
    ShopPageFactory(title="Au Bon Grain", short_description="Farine fine et pain bio.")
    assert titles(client.get("/commerces/", {"q": "FIN"})) == [
        "Épicerie fine Lemaire",
        "Au Bon Grain",
    ]


def test_search_covers_tags_and_services(shops, client):
    assert titles(client.get("/commerces/", {"q": "levain"})) == ["Boulangerie Dupont"]
    assert titles(client.get("/commerces/", {"q": "livraison"})) == ["Boulangerie Dupont"]


def test_filters_combine(shops, client):
    response = client.get("/commerces/", {"categorie": "epicerie", "quartier": "centre"})
    assert titles(response) == ["Le Comptoir"]
    assert titles(client.get("/commerces/", {"service": "livraison"})) == ["Boulangerie Dupont"]


def test_open_now_keeps_only_open_shops(shops, client):
    response = client.get("/commerces/", {"ouvert": "maintenant"})
    assert set(titles(response)) == {"Boulangerie Dupont", "Le Comptoir"}


def test_open_at_a_given_moment(shops, client):
    friday = ShopPageFactory(title="Ouvert le vendredi soir", hours=[(4, "18:00", "23:00")])
    response = client.get("/commerces/", {"ouvert": "2026-11-27T19:00"})
    assert friday.title in titles(response)
    assert "Épicerie fine Lemaire" not in titles(response)


def test_distance_sort_puts_the_nearest_first_and_shows_the_distance(shops, client):
    response = client.get("/commerces/", {"pres": "50.4700,4.8600", "tri": "distance"})
    assert titles(response) == ["Épicerie fine Lemaire", "Boulangerie Dupont", "Le Comptoir"]
    cards = response.context["result"].page.object_list
    assert cards[0].distance == "10 m"


def test_radius_keeps_shops_within_it(shops, client):
    response = client.get("/commerces/", {"pres": "50.4669,4.8675", "rayon": "1"})
    assert set(titles(response)) == {"Boulangerie Dupont", "Épicerie fine Lemaire"}


def test_choosing_a_district_sorts_from_its_centre(shops, client):
    response = client.get("/commerces/", {"quartier": "gare"})
    assert response.context["query"].point == (50.4690, 4.8620)


def test_facet_counts_follow_the_query(shops, client):
    result = client.get("/commerces/", {"q": "boulangerie"}).context["result"]
    grocery = shops["comptoir"].category_id
    bakery = shops["dupont"].category_id
    assert result.category_counts == {bakery: 1, grocery: 1}
    assert result.total == 2


def test_results_come_twenty_a_page(db, client):
    published_shops(45)
    first = client.get("/commerces/")
    assert len(titles(first)) == 20
    assert first.context["result"].total == 45
    last = client.get("/commerces/", {"page": "3"})
    assert titles(last) == [f"Commerce {n}" for n in range(40, 45)]


def test_page_beyond_the_last_is_not_found(db, client):
    published_shops(25)
    assert client.get("/commerces/", {"page": "2"}).status_code == 200
    assert client.get("/commerces/", {"page": "3"}).status_code == 404


def test_empty_result_says_so_and_suggests_a_way_out(shops, client):
    html = client.get("/commerces/", {"q": "zzzz", "ouvert": "maintenant"}).content.decode()
    assert "Aucun commerce ne correspond" in html
    assert "Ouvert maintenant" in html


def test_unknown_category_is_ignored_with_a_notice(shops, client):
    response = client.get("/commerces/", {"categorie": "n-existe-pas"})
    assert response.status_code == 200
    assert "Catégorie inconnue" in response.content.decode()
    assert len(titles(response)) == 3


def test_map_geojson_shows_the_same_shops_as_the_list(shops, client):
    params = {"q": "boul", "pres": "50.4669,4.8675"}
    listed = titles(client.get("/commerces/", params))
    response = client.get("/commerces/carte.geojson", params)
    assert response["Content-Type"] == "application/geo+json"
    features = json.loads(response.content)["features"]
    assert [feature["properties"]["name"] for feature in features] == listed
    first = features[0]
    assert set(first["properties"]) >= {"name", "url", "category", "district"}
    assert first["properties"]["url"] == "/commerces/boulangerie-dupont/"
    assert first["geometry"]["coordinates"] == [4.8675, 50.4669]


def vincenty_m(origin, destination):
    """Reference distance on the WGS-84 ellipsoid (Vincenty's inverse formula)."""
    a, f = 6378137.0, 1 / 298.257223563
    b = (1 - f) * a
    lat1, lon1, lat2, lon2 = map(math.radians, (*origin, *destination))
    u1, u2 = math.atan((1 - f) * math.tan(lat1)), math.atan((1 - f) * math.tan(lat2))
    lam = big_l = lon2 - lon1
    for _ in range(200):
        sin_sigma = math.hypot(
            math.cos(u2) * math.sin(lam),
            math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * math.cos(lam),
        )
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * math.cos(lam)
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * math.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha**2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm**2))
        )
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (a**2 - b**2) / b**2
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = (
        big_b
        * sin_sigma
        * (
            cos_2sm
            + big_b
            / 4
            * (
                cos_sigma * (-1 + 2 * cos_2sm**2)
                - big_b / 6 * cos_2sm * (-3 + 4 * sin_sigma**2) * (-3 + 4 * cos_2sm**2)
            )
        )
    )
    return b * big_a * (sigma - delta)


@pytest.mark.parametrize(
    "destination",
    [(50.4670, 4.8676), (50.4800, 4.9000), (50.8467, 4.3525), (51.2194, 4.4025), (49.6116, 6.1319)],
)
def test_sql_distance_is_within_one_percent_of_the_ellipsoid(db, destination):
    from directory.geo import distance_expression
    from directory.models import ShopPage

    origin = (50.4669, 4.8675)
    shop = ShopPageFactory(latitude=destination[0], longitude=destination[1])
    in_sql = ShopPage.objects.annotate(d=distance_expression(origin)).get(pk=shop.pk).d
    reference = vincenty_m(origin, destination)
    assert abs(in_sql - reference) / reference < 0.01
    assert abs(distance_m(origin, destination) - in_sql) < 0.01


@pytest.mark.parametrize(
    "params",
    [
        "q=boul&ouvert=maintenant&pres=50.4669,4.8675&tri=distance",
        "q=boul&categorie=boulangerie",
        "",
    ],
)
def test_directory_page_stays_within_eleven_queries_at_twenty_results(
    db, client, django_assert_max_num_queries, params
):
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    published_shops(
        25, title="Boulangerie {number:02d}", category=category, hours=ALL_WEEK, tags=["pain"]
    )
    url = f"/commerces/?{params}"
    client.get(url)  # warm the caches (site root paths, renditions)
    with django_assert_max_num_queries(11):
        response = client.get(url)
    assert len(response.context["result"].page.object_list) == 20


def test_shops_behind_a_view_restriction_are_not_listed(shops, client):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=shops["lemaire"], restriction_type="login")
    assert set(titles(client.get("/commerces/"))) == {"Boulangerie Dupont", "Le Comptoir"}


def test_a_restriction_added_or_removed_shows_at_the_next_search(shops, client):
    from wagtail.models import PageViewRestriction

    assert len(titles(client.get("/commerces/"))) == 3  # the restricted pages are cached
    restriction = PageViewRestriction.objects.create(page=shops["dupont"], restriction_type="login")
    assert "Boulangerie Dupont" not in titles(client.get("/commerces/"))
    restriction.delete()
    assert "Boulangerie Dupont" in titles(client.get("/commerces/"))


def test_a_restriction_made_elsewhere_shows_once_the_cache_is_stale(shops, client, monkeypatch):
    import time

    from wagtail.models import PageViewRestriction

    from core.caching import STALE_AFTER

    client.get("/commerces/")
    # Created without signals, as another process's change looks to this one.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=shops["dupont"], restriction_type="login")]
    )
    later = time.time() + STALE_AFTER + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert "Boulangerie Dupont" not in titles(client.get("/commerces/"))


def test_public_q_is_the_same_whether_the_restricted_pages_are_cached_or_not(shops):
    from wagtail.models import PageViewRestriction

    from core.visibility import public_q, restricted_paths
    from directory.models import ShopPage

    PageViewRestriction.objects.create(page=shops["lemaire"], restriction_type="login")
    in_sql = set(ShopPage.objects.filter(public_q()))
    restricted_paths()  # a listing reads them into the cache
    from_cache = set(ShopPage.objects.filter(public_q()))
    assert (
        in_sql
        == from_cache
        == set(ShopPage.objects.public())
        == {
            shops["dupont"],
            shops["comptoir"],
        }
    )
