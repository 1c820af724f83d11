"""/commerces/donnees.csv and /commerces/donnees.geojson: every live shop as open data."""

import csv
import io
import json

import pytest
from wagtail.models import PageViewRestriction

from directory.models import ShopPage
from directory.shop_csv import COLUMNS
from home.models import SiteSettings
from tests.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    DistrictFactory,
    HomePageFactory,
    ServiceFactory,
    ShopPageFactory,
)

pytestmark = pytest.mark.django_db

CSV_URL = "/commerces/donnees.csv"
GEOJSON_URL = "/commerces/donnees.geojson"


@pytest.fixture
def directory():
    return DirectoryPageFactory(parent=HomePageFactory(), slug="commerces")


@pytest.fixture
def bakery(directory):
    return ShopPageFactory(
        title="Boulangerie Dupont",
        slug="boulangerie-dupont",
        reference="B-001",
        category=CategoryFactory(name="Boulangerie"),
        district=DistrictFactory(name="Centre"),
        street="Rue Haute 4",
        postcode="5999",
        locality="Vilvèze",
        latitude=50.4669,
        longitude=4.8675,
        phone="+32 81 00 00 00",
        email="bonjour@dupont.be",
        website="https://dupont.be",
        services=[ServiceFactory(name="Livraison")],
        tags=["pain", "bio"],
        hours=[(day, "07:00", "18:30") for day in range(6)],
    )


def features(client, url=GEOJSON_URL):
    return json.loads(client.get(url).content)["features"]


def test_csv_is_a_utf8_attachment_named_commerces_csv(client, bakery):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="commerces.csv"'


def test_csv_has_the_export_columns_then_the_shops_page_and_one_row_per_shop(client, bakery):
    rows = list(csv.DictReader(io.StringIO(client.get(CSV_URL).content.decode())))

    assert list(rows[0]) == [*COLUMNS, "url"]
    assert rows[0]["url"] == "http://testserver/commerces/boulangerie-dupont/"
    assert [(row["reference"], row["opening_hours"]) for row in rows] == [
        ("B-001", "Mo-Sa 07:00-18:30; PH off")
    ]


def test_geojson_content_type(client, bakery):
    response = client.get(GEOJSON_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")


def test_geojson_feature_has_the_map_properties_and_more(client, bakery):
    [feature] = features(client)

    assert feature["geometry"] == {"type": "Point", "coordinates": [4.8675, 50.4669]}
    assert feature["properties"] == {
        "name": "Boulangerie Dupont",
        "url": "http://testserver/commerces/boulangerie-dupont/",
        "category": "Boulangerie",
        "district": "Centre",
        "reference": "B-001",
        "address": "Rue Haute 4",
        "postcode": "5999",
        "locality": "Vilvèze",
        "phone": "+32 81 00 00 00",
        "email": "bonjour@dupont.be",
        "website": "https://dupont.be",
        "online_shop_url": "",
        "booking_url": "",
        "services": ["Livraison"],
        "tags": ["bio", "pain"],
        "opening_hours": "Mo-Sa 07:00-18:30; PH off",
    }


def test_geojson_names_the_licence_from_the_site_settings(client, bakery):
    settings = SiteSettings.for_site(bakery.get_site())
    settings.open_data_licence = "Licence ouverte 2.0"
    settings.open_data_licence_url = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    settings.save()

    collection = json.loads(client.get(GEOJSON_URL).content)

    assert collection["type"] == "FeatureCollection"
    assert collection["licence"] == "Licence ouverte 2.0"
    assert collection["licence_url"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def test_geojson_leaves_out_shops_without_coordinates(client, bakery):
    # The editor cannot save such a shop, but older data may hold one.
    unplaced = ShopPageFactory(title="Sans adresse")
    ShopPage.objects.filter(pk=unplaced.pk).update(latitude=None, longitude=None)

    assert [feature["properties"]["name"] for feature in features(client)] == ["Boulangerie Dupont"]


def test_unpublished_shops_are_not_published_as_open_data(client, bakery):
    ShopPageFactory(title="Fermé définitivement", reference="X-1").unpublish()

    assert len(features(client)) == 1
    assert "X-1" not in client.get(CSV_URL).content.decode()


def test_private_shops_are_not_published_as_open_data(client, bakery):
    private = ShopPageFactory(title="Réservé", reference="P-1")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert len(features(client)) == 1
    assert "P-1" not in client.get(CSV_URL).content.decode()


@pytest.mark.parametrize("url", [CSV_URL, GEOJSON_URL])
def test_open_data_sets_no_cookie(client, bakery, url):
    assert not client.get(url).cookies


@pytest.mark.parametrize("url", [CSV_URL, GEOJSON_URL])
@pytest.mark.parametrize(
    "query", ["?page=-1", "?q=%00%ff", "?categorie=' OR 1=1 --", "?pres=999,abc&x=" + "é" * 2000]
)
def test_open_data_answers_any_query_string(client, bakery, url, query):
    assert client.get(url + query).status_code == 200


def shops_with_everything(count):
    category, district = CategoryFactory(), DistrictFactory()
    services = [ServiceFactory(), ServiceFactory()]
    for _ in range(count):
        ShopPageFactory(
            category=category,
            district=district,
            services=services,
            tags=["pain"],
            hours=[(0, "09:00", "12:00"), (0, "13:00", "18:00")],
        )


@pytest.mark.parametrize("url", [CSV_URL, GEOJSON_URL])
def test_query_count_does_not_grow_with_the_number_of_shops(
    client, directory, django_assert_max_num_queries, url
):
    shops_with_everything(3)
    client.get(url)  # settles the per-site caches (site root paths, settings)
    with django_assert_max_num_queries(100) as few:
        assert client.get(url).status_code == 200
    budget = len(few.captured_queries)  # read now: the next request empties the log
    shops_with_everything(27)
    client.get(url)  # publishing them dropped the cached navigation, which routing uses

    with django_assert_max_num_queries(budget):
        response = client.get(url)

    assert response.content.decode().count("Commerce ") >= 30
