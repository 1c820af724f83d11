"""Whatever a query string holds, the directory answers 200 (with a notice when it had
to ignore something), never 500."""

from datetime import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directory.hours import within_calendar
from directory.search import parse_query
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
        "0001-01-01",
        "0001-01-01T00:30+14:00",
        "9999-12-31T23:59-14:00",
        "9999-12-31",
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


# The moments that raised OverflowError before the parser checked them.
CALENDAR_ENDS = ["0001-01-01", "0001-01-01T00:30+14:00", "9999-12-31T23:59-14:00"]
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(params=PARAMS)
@example(params={"ouvert": CALENDAR_ENDS[0]})
@example(params={"ouvert": CALENDAR_ENDS[1]})
@example(params={"ouvert": CALENDAR_ENDS[2]})
def test_any_query_string_gets_a_page_not_an_error(directory, client, params):
    status = client.get("/commerces/", params).status_code
    # Only a page number can name no page (a 404).
    assert status == 200 or (status == 404 and params.get("page") not in (None, "", "1"))


@SETTINGS
@given(params=PARAMS)
@example(params={"ouvert": CALENDAR_ENDS[0]})
@example(params={"ouvert": CALENDAR_ENDS[1]})
@example(params={"ouvert": CALENDAR_ENDS[2]})
def test_any_query_string_gets_map_data_not_an_error(directory, client, params):
    response = client.get("/commerces/carte.geojson", params)
    assert response.status_code == 200
    assert response.json()["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    "query",
    [
        "pres=999,abc",
        "categorie=inconnue",
        "ouvert=demain",
        "tri=prix",
        "rayon=-3",
    ],
)
def test_named_bad_inputs_answer_with_a_notice(directory, client, query):
    response = client.get(f"/commerces/?{query}")
    assert response.status_code == 200
    assert 'class="notice notice--list"' in response.content.decode()


@pytest.mark.parametrize("page", ["-1", "0", "2", "10000", "deux"])
def test_a_page_number_naming_no_page_answers_the_404_page(directory, client, page):
    response = client.get("/commerces/", {"page": page})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("moment", CALENDAR_ENDS)
def test_a_moment_at_the_ends_of_the_calendar_is_ignored_with_a_notice(directory, moment):
    query = parse_query({"ouvert": moment})
    assert query.open_at is None
    assert query.notices == [
        f"« {moment} » est trop éloigné dans le temps ; ce filtre est ignoré "
        "(exemple : 2026-12-24T18:00)."
    ]


@pytest.mark.parametrize("moment", CALENDAR_ENDS)
def test_a_moment_at_the_ends_of_the_calendar_lists_every_shop(directory, client, moment):
    response = client.get("/commerces/", {"ouvert": moment})
    assert response.status_code == 200
    html = response.content.decode()
    assert "trop éloigné dans le temps" in html
    assert html.count('<article class="card card--shop">') == 3


@pytest.mark.parametrize("moment", CALENDAR_ENDS)
def test_a_moment_at_the_ends_of_the_calendar_maps_every_shop(directory, client, moment):
    response = client.get("/commerces/carte.geojson", {"ouvert": moment})
    assert response.status_code == 200
    assert len(response.json()["features"]) == 3


@pytest.mark.parametrize(
    ("moment", "answerable"),
    [
        ("0001-01-08T12:00+01:00", True),
        ("0001-01-07T12:00+01:00", False),
        ("0001-01-01T00:30+14:00", False),  # year 0 in Brussels
        ("9999-10-25T12:00+01:00", True),
        ("9999-10-26T12:00+01:00", False),
        ("9999-12-31T23:59-14:00", False),  # year 10000 in Brussels
        ("2026-12-24T18:00+01:00", True),
    ],
)
def test_hours_answer_only_moments_whose_surrounding_days_exist(moment, answerable):
    assert within_calendar(datetime.fromisoformat(moment)) is answerable
