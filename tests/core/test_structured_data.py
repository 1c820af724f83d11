"""JSON-LD helpers (core.structured_data): data that goes safely into a page."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.structured_data import breadcrumb_list, json_ld_script, page_breadcrumb, without_empty


def test_text_cannot_close_the_script_element():
    script = json_ld_script({"name": "</script><script>alert(1)</script> & co"})
    assert "</script>" not in script.removesuffix("</script>")
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & co"}


def test_empty_members_are_left_out_and_falsy_values_kept():
    data = {"name": "Dupont", "email": "", "image": [], "geo": {}, "url": None, "rating": 0}
    assert without_empty(data) == {"name": "Dupont", "rating": 0}


def test_breadcrumb_positions_count_from_one_down_from_home():
    crumbs = breadcrumb_list(
        [("Accueil", "https://x.example/"), ("Commerces", "https://x.example/c/")]
    )
    assert [(item["position"], item["name"]) for item in crumbs["itemListElement"]] == [
        (1, "Accueil"),
        (2, "Commerces"),
    ]


@pytest.mark.django_db
def test_a_routed_pages_breadcrumb_is_made_from_the_pages_routing_walked_through(rf):
    from wagtail.models import Page

    from tests.factories import HomePageFactory, ShopPageFactory

    HomePageFactory()
    shop = ShopPageFactory(title="Boulangerie Dupont")
    request = rf.get(shop.url)
    queried = page_breadcrumb(Page.objects.get(pk=shop.pk).specific, request)
    routed, _args, _kwargs = Page.route_for_request(request, shop.url)
    with CaptureQueriesContext(connection) as queries:
        assert page_breadcrumb(routed, request) == queried
    assert not [query for query in queries if "wagtailcore_page" in query["sql"]]
    assert [item["name"] for item in queried["itemListElement"]] == [
        "Accueil",
        "Commerces",
        "Boulangerie Dupont",
    ]
