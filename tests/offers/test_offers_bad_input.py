"""Whatever a query string holds, the offers feed and its RSS answer 200 (with a notice
when something was ignored), never 500; and no date makes an offer page fail."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import BRUSSELS
from offers.dates import coming_sunday
from tests.factories import CategoryFactory, DistrictFactory, OfferPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    [
        "",
        "-1",
        "0",
        "2",
        "10000",
        "1e400",
        "nan",
        "inf",
        "'; DROP TABLE offers_offerpage; --",
        "<script>alert(1)</script>",
        "é" * 3000,
        "\x00\x01",
        "日本語",
        "boulangerie",
        "centre",
        "promotion",
        "evenement",
    ]
)
PARAMS = st.dictionaries(
    st.sampled_from(["categorie", "quartier", "type", "page", "q"]),
    st.one_of(NASTY, st.text(max_size=40)),
    max_size=5,
)
HEALTH = [HealthCheck.function_scoped_fixture]


@pytest.fixture
def offers(offers_site):
    shop = ShopPageFactory(
        category=CategoryFactory(name="Boulangerie", slug="boulangerie"),
        district=DistrictFactory(name="Centre", slug="centre"),
    )
    for number in range(3):
        OfferPageFactory(parent=shop, title=f"Offre {number}")
    return shop


@settings(max_examples=30, deadline=None, suppress_health_check=HEALTH)
@given(params=PARAMS)
def test_any_query_string_gets_the_feed_not_an_error(offers, client, params):
    status = client.get("/offres/", params).status_code
    # Only a page number can name no page (a 404).
    assert status == 200 or (status == 404 and params.get("page") not in (None, "", "1"))


@settings(max_examples=30, deadline=None, suppress_health_check=HEALTH)
@given(params=PARAMS)
def test_any_query_string_gets_the_rss_not_an_error(offers, client, params):
    response = client.get("/offres/flux/", params)
    assert response.status_code == 200
    assert response.content.startswith(b"<?xml")


@settings(max_examples=30, deadline=None, suppress_health_check=HEALTH)
@given(
    moment=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(BRUSSELS)
    ),
    length=st.integers(min_value=0, max_value=56),
)
def test_an_offer_page_answers_200_410_or_404_on_any_day(offers, client, clock, moment, length):
    offer = OfferPageFactory(
        parent=offers,
        start_date=date(2026, 11, 24),
        end_date=date(2026, 11, 24) + timedelta(length),
    )
    clock(moment)
    day = moment.date()
    expected = 404 if day < offer.start_date else 410 if day > offer.end_date else 200
    assert client.get(offer.url).status_code == expected
    offer.delete()


def test_coming_sunday_is_never_before_today():
    for offset in range(14):
        day = date(2026, 11, 23) + timedelta(days=offset)
        assert 0 <= (coming_sunday(day) - day).days <= 6


@pytest.mark.parametrize(
    "query",
    ["categorie=inconnue", "quartier=%00lune", "type=soldes"],
)
def test_named_bad_inputs_answer_with_a_page(offers, client, query):
    response = client.get(f"/offres/?{query}")
    assert response.status_code == 200
    assert 'class="notice notice--list"' in response.content.decode()


@pytest.mark.parametrize("query", ["page=-1", "page=10000", "page=abc"])
def test_a_page_number_naming_no_page_is_not_found(offers, client, query):
    assert client.get(f"/offres/?{query}").status_code == 404
