"""No public URL answers 500, whatever a visitor sends: any string in any query
parameter of every public page (dates at the ends of the calendar, far offsets, NUL
bytes, very long values, repeated parameters, percent-escapes that are not UTF-8), any
path segment under every section, any body posted to the public form endpoints.

The demo is seeded once for the package (tests/demo/conftest.py). Hypothesis runs with a
fixed seed and no database of examples, so a run that passes passes again; the inputs
that once answered 500 are kept as explicit examples, which every run tries first."""

from urllib.parse import quote_from_bytes

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directory.models import OperationPage, ShopPage
from offers.models import OfferPage
from offers.reminders import opt_out_token
from stories.models import CampaignPage, StoryPage

pytestmark = pytest.mark.django_db

DIRECTORY_PARAMS = [
    "q",
    "categorie",
    "quartier",
    "service",
    "tag",
    "ouvert",
    "pres",
    "rayon",
    "tri",
    "page",
]
OFFERS_PARAMS = ["categorie", "quartier", "type", "page"]
STORIES_PARAMS = ["campagne", "page"]

# Every public route, by the parameters it reads. Names in <angle brackets> stand for a
# page of the demo, filled in by `public_url` below.
DIRECTORY_ROUTES = [
    "/commerces/",
    "/commerces/carte.geojson",
    "/commerces/donnees.csv",
    "/commerces/donnees.geojson",
]
OFFERS_ROUTES = ["/offres/", "/offres/flux/"]
STORIES_ROUTES = ["/histoires/", "/histoires/flux/", "<campaign>"]
OTHER_ROUTES = [
    "/",
    "<shop>",
    "<offer>",
    "<story>",
    "/operations/",
    "/operations/qui-est-ouvert-dimanche/",
    "<operation>",
    "<operation-calendar>",
    "/a-propos/",
    "/sitemap.xml",
    "/robots.txt",
    "<opt-out>",
    "/rappels/arreter/",
    "/frequentation/compter/",
    "/page-qui-n-existe-pas/",
    "/documents/1/fichier.pdf",
    "/documents/authenticate_with_password/1/",
    "/_util/authenticate_with_password/1/1/",
    "/_util/login/",
    "/admin/login/",
]
# What the other routes read (Django's sitemap pages with p, the login page reads next).
OTHER_PARAMS = ["p", "next", "token", "page", "kind", "q"]
ROUTES = DIRECTORY_ROUTES + OFFERS_ROUTES + STORIES_ROUTES + OTHER_ROUTES

# Sections under which a visitor may type any path segment.
SECTIONS = [
    "/",
    "/commerces/",
    "<shop>",
    "/offres/",
    "/histoires/",
    "/operations/",
    "/rappels/arreter/",
    "/documents/",
    "/documents/authenticate_with_password/",
    "/_util/authenticate_with_password/1/",
]

# Moments at the ends of Python's calendar, with offsets as far as ISO allows.
CALENDAR_ENDS = [
    "0001-01-01",
    "0001-01-01T00:30+14:00",
    "0001-01-01T00:00+23:59",
    "0001-01-02T00:00:00Z",
    "9999-12-31",
    "9999-12-31T23:59-14:00",
    "9999-12-31T23:59:59.999999-23:59",
    "9999-12-25T12:00",
]
NASTY = [
    "",
    "maintenant",
    "\x00",
    "pain\x00",
    "é" * 5000,
    "9" * 5000,
    "1e400",
    "-0",
    "nan,nan",
    "inf,-inf",
    "90,180",
    "-91,0",
    "50.4669,4.8675",
    "0,0",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "NEAR(a b)",
    '"',
    "\ud800",
    "日本語",
    "../../etc/passwd",
]
OFFSETS = st.sampled_from(["", "Z", "+14:00", "-14:00", "+23:59", "-23:59", "+00:17:30"])
MOMENTS = st.builds(lambda moment, offset: moment.isoformat() + offset, st.datetimes(), OFFSETS)
TEXT = st.text(max_size=30) | st.sampled_from(NASTY)
NUMBERS = st.integers().map(str) | st.floats().map(str)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(CALENDAR_ENDS),
    MOMENTS | st.dates().map(str),
    NUMBERS | st.tuples(NUMBERS, NUMBERS).map(",".join),  # also as a "pres" point
    st.binary(max_size=12),  # percent-escapes that need not be UTF-8
)


def _escaped(value):
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(value, safe="")


def _query_string(pairs):
    return "&".join(f"{_escaped(name)}={_escaped(value)}" for name, value in pairs)


def query_strings(names):
    """Query strings of up to six of the parameters `names` (repeats allowed) and up to
    two parameters of any other name."""
    known = st.lists(st.tuples(st.sampled_from(names), VALUES), max_size=6)
    unknown = st.lists(st.tuples(TEXT, VALUES), max_size=2)
    return st.tuples(known, unknown).map(lambda lists: _query_string(lists[0] + lists[1]))


@pytest.fixture
def public_url(demo_site):
    """The URL of a route of ROUTES or SECTIONS, with demo pages for its placeholders."""
    shop = ShopPage.objects.live().order_by("path").first()
    offer = OfferPage.objects.live().descendant_of(shop.get_parent()).order_by("path").first()
    merchant = get_user_model().objects.create_user("rappels", "rappels@example.be")
    operation = OperationPage.objects.live().order_by("path").first()
    pages = {
        "<shop>": shop.url,
        "<offer>": offer.url,
        "<story>": StoryPage.objects.live().order_by("path").first().url,
        "<campaign>": CampaignPage.objects.live().order_by("path").first().url,
        "<opt-out>": f"/rappels/arreter/{opt_out_token(merchant)}/",
        "<operation>": operation.url,
        "<operation-calendar>": f"{operation.url}agenda.ics",
    }
    return lambda route: pages.get(route, route)


WALK = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def get(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("route", DIRECTORY_ROUTES)
@WALK
@given(query=query_strings(DIRECTORY_PARAMS))
# Answered 500 (OverflowError) before directory.hours.within_calendar.
@example(query="ouvert=0001-01-01")
@example(query="ouvert=0001-01-01T00:30%2B14:00")
@example(query="ouvert=9999-12-31T23:59-14:00")
# Points at the poles and at the town's antipode, where rounding could take the
# distance's arcsine out of its domain.
@example(query="pres=90,180&rayon=50&tri=distance")
@example(query="pres=-90,-180&rayon=50")
@example(query="pres=-50.4669,-175.1325&rayon=50&tri=distance")
def test_any_query_string_of_the_directory_answers_below_500(public_url, client, route, query):
    get(client, f"{public_url(route)}?{query}")


# The search's words (directory.search_words): stop words, typos of the demo's words,
# the full-text engines' own operators, more words than a query keeps, bare prefixes.
SEARCH_WORDS = st.sampled_from(
    [
        "la",
        "de",
        "au",
        "pain",
        "boulangrie",
        "fleuriset",
        "coiffeuse",
        "levain",
        "and",
        "OR",
        "NOT",
        "NEAR",
        "*",
        "^",
        ":",
        "b",
        "zz",
        "croissants",
        "velos",
        "éèà",
        "0",
        "12h30",
    ]
) | st.text(min_size=1, max_size=12)


@pytest.mark.parametrize("route", ["/commerces/", "/commerces/carte.geojson"])
@WALK
@given(words=st.lists(SEARCH_WORDS, max_size=12))
@example(words=["pain", "au", "levain", "boulangrie", "fleuriset", "velos", "la", "de", "b"])
@example(words=["and", "or", "not", "near"])
@example(words=["le", "la", "les"])
def test_any_words_searched_answer_below_500(public_url, client, route, words):
    get(client, f"{public_url(route)}?{_query_string([('q', ' '.join(words))])}")


@pytest.mark.parametrize("route", OFFERS_ROUTES)
@WALK
@given(query=query_strings(OFFERS_PARAMS))
def test_any_query_string_of_the_offers_feed_answers_below_500(public_url, client, route, query):
    get(client, f"{public_url(route)}?{query}")


@pytest.mark.parametrize("route", STORIES_ROUTES)
@WALK
@given(query=query_strings(STORIES_PARAMS))
def test_any_query_string_of_the_stories_answers_below_500(public_url, client, route, query):
    get(client, f"{public_url(route)}?{query}")


@pytest.mark.parametrize("route", OTHER_ROUTES)
@WALK
@given(query=query_strings(OTHER_PARAMS))
def test_any_query_string_of_another_public_url_answers_below_500(public_url, client, route, query):
    get(client, f"{public_url(route)}?{query}")


@pytest.mark.parametrize("section", SECTIONS)
@WALK
@given(
    segment=st.text(min_size=1, max_size=40)
    | st.binary(min_size=1, max_size=12)
    | st.integers(min_value=0).map(str)
)
@example(segment="9" * 30)  # an id no database column holds
@example(segment="\x00")
@example(segment="%00")
@example(segment=b"\xff\xfe")
@example(segment="é" * 300)
def test_any_path_under_a_public_section_answers_below_500(public_url, client, section, segment):
    get(client, f"{public_url(section)}{_escaped(segment)}/")


CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=nonexistent",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=x",
    "text/plain;charset=UTF-8",
    "application/json",
    "",
]
# The two forms that take anonymous POSTs, and a page and a login (CSRF-protected).
FORM_ENDPOINTS = ["/rappels/arreter/", "/frequentation/compter/", "/commerces/", "/_util/login/"]


@pytest.mark.parametrize("endpoint", FORM_ENDPOINTS)
@WALK
@given(
    body=st.binary(max_size=200) | query_strings(["token", "page", "kind"]).map(str.encode),
    content_type=st.sampled_from(CONTENT_TYPES),
)
@example(body=b"token=%00", content_type=CONTENT_TYPES[0])
@example(body=b"--x\r\nContent-Disposition: form-data\r\n\r\n", content_type=CONTENT_TYPES[4])
def test_any_body_posted_to_a_public_form_answers_below_500(client, endpoint, body, content_type):
    response = client.generic("POST", endpoint, body, content_type=content_type)
    assert response.status_code < 500, (endpoint, body, content_type)


def test_the_walk_reaches_the_pages_it_names(public_url, client):
    """Sent nothing odd, each route answers as a visitor expects: a walk that met 404
    everywhere would prove nothing."""
    post_only = {"/rappels/arreter/", "/frequentation/compter/"}
    missing = {
        "/page-qui-n-existe-pas/",
        "/documents/1/fichier.pdf",
        "/documents/authenticate_with_password/1/",
        "/_util/authenticate_with_password/1/1/",
    }
    expected = {
        route: 405 if route in post_only else 404 if route in missing else 200 for route in ROUTES
    }
    answered = {route: client.get(public_url(route)).status_code for route in ROUTES}
    assert answered == expected
