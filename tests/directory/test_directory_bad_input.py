"""Whatever a query string holds, the directory answers 200 (with a notice when it had
to ignore something), never 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import CategoryFactory, DistrictFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        "",
        "maintenant",
        "2026-12-24T18:00",
        "2026-02-30T25:61",
        "999,abc",
        "50.4669,4.8675",
        "-1",
        "10000",
        "nan,nan",
        "inf,-inf",
        "1e400,1e400",
        "'; DROP TABLE directory_shoppage; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "é" * 3000,
        "\x00\x01",
        "boul*",
        "NEAR(a b)",
        '"unterminated',
        "a AND OR NOT",
        "日本語",
        "centre",
        "distance",
        "pertinence",
    ]
)
PARAMS = st.dictionaries(
    st.sampled_from(
        ["q", "categorie", "quartier", "service", "tag", "ouvert", "pres", "rayon", "tri", "page"]
    ),
    st.one_of(NASTY, st.text(max_size=40)),
    max_size=10,
)


@pytest.fixture
def directory(db):
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    district = DistrictFactory(name="Centre", slug="centre")
    for number in range(3):
        ShopPageFactory(
            title=f"Boulangerie {number}",
            category=category,
            district=district,
            hours=[(day, "08:00", "18:00") for day in range(6)],
        )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMS)
def test_any_query_string_gets_a_page_not_an_error(directory, client, params):
    assert client.get("/commerces/", params).status_code == 200


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMS)
def test_any_query_string_gets_map_data_not_an_error(directory, client, params):
    response = client.get("/commerces/carte.geojson", params)
    assert response.status_code == 200
    assert response.json()["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    "query",
    [
        "pres=999,abc",
        "page=-1",
        "page=10000",
        "categorie=inconnue",
        "ouvert=demain",
        "tri=prix",
        "rayon=-3",
    ],
)
def test_named_bad_inputs_answer_with_a_notice(directory, client, query):
    response = client.get(f"/commerces/?{query}")
    assert response.status_code == 200
    if not query.startswith("page="):
        assert 'class="notice notice--list"' in response.content.decode()
