"""The counting script on public pages: included with what it must count, never in a
preview or when the site turns counting off, and the links it counts are marked."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from directory.search import PAGE_SIZE
from insights.models import DailyCount, DailySearch, InsightsSettings
from tests.factories import OfferPageFactory, ShopPageFactory, published_shops

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.intents = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "insights.js" in (attributes.get("src") or ""):
            self.scripts.append(attributes)
        if tag == "a" and "data-intent" in attributes:
            self.intents.append(attributes)


def parse(response):
    finder = _Finder()
    finder.feed(response.content.decode())
    return finder


def counting_script(response):
    scripts = parse(response).scripts
    assert len(scripts) <= 1
    return scripts[0] if scripts else None


@pytest.fixture
def shop(db):
    return ShopPageFactory(
        title="Librairie du Pont",
        phone="+32 81 00 00 00",
        email="bonjour@pont.example",
        website="https://pont.example",
        online_shop_url="https://boutique.pont.example",
        booking_url="https://pont.example/reserver",
    )


def test_a_shop_page_counts_its_view_and_marks_every_intent_link(client, shop):
    response = client.get(shop.get_url())
    script = counting_script(response)
    assert script["data-page"] == str(shop.pk)
    assert script["data-view"] == "true"
    assert script["data-endpoint"] == reverse("insights_beacon")
    assert "defer" in script
    kinds = {link["data-intent"] for link in parse(response).intents}
    assert kinds == {"directions", "call", "email", "website", "online_shop", "booking"}


def test_the_offer_page_marks_its_links_as_the_shops_intents(client, shop):
    offer = OfferPageFactory(parent=shop, online_url="https://boutique.pont.example/offre")
    response = client.get(offer.get_url())
    assert counting_script(response)["data-page"] == str(offer.pk)
    # The online shop, and the shop's directions and call buttons.
    intents = {(link["data-intent"], link["data-shop"]) for link in parse(response).intents}
    assert intents == {(kind, str(shop.pk)) for kind in ("online_shop", "directions", "call")}


def test_what_the_shop_page_asks_to_count_is_counted(client, shop):
    """The page's own data-* attributes, sent as the script sends them, are accepted."""
    response = client.get(shop.get_url())
    script = counting_script(response)
    link = next(link for link in parse(response).intents if link["data-intent"] == "call")
    for payload in [
        {"page": int(script["data-page"]), "kind": "view"},
        {"page": int(script["data-page"]), "kind": link["data-intent"], "from": shop.pk},
    ]:
        answer = client.post(
            script["data-endpoint"],
            json.dumps(payload),
            content_type="text/plain;charset=UTF-8",
            HTTP_USER_AGENT=BROWSER,
        )
        assert answer.status_code == 204
    assert sorted(DailyCount.objects.values_list("kind", "count")) == [("call", 1), ("view", 1)]


def test_a_search_is_counted_on_its_first_page_of_results_only(client, shop):
    directory = shop.get_parent()
    published_shops(PAGE_SIZE, title="Librairie {number:02d}")  # a second page of results
    script = counting_script(client.get(directory.get_url(), {"q": "Librairie"}))
    assert (script["data-search"], script["data-found"]) == ("Librairie", "true")
    script = counting_script(client.get(directory.get_url(), {"q": "zzz"}))
    assert (script["data-search"], script["data-found"]) == ("zzz", "false")
    script = counting_script(client.get(directory.get_url(), {"q": "Librairie", "page": "2"}))
    assert "data-search" not in script
    assert "data-search" not in counting_script(client.get(directory.get_url()))
    assert not DailySearch.objects.exists()  # the page itself counts nothing


def test_pages_not_counted_still_carry_the_script_for_intent_links(client, shop):
    home = shop.get_parent().get_parent()
    assert counting_script(client.get(home.get_url()))["data-view"] == "false"


def test_no_script_on_an_error_page(client, shop):
    assert counting_script(client.get("/page-qui-n-existe-pas/")) is None


def test_no_script_in_a_preview(client, shop):
    admin = get_user_model().objects.create_superuser("admin", password="secret")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[shop.pk]))
    assert response.status_code == 200
    assert counting_script(response) is None


def test_no_script_anywhere_when_counting_is_off(client, shop):
    site = Site.objects.get(is_default_site=True)
    InsightsSettings.objects.update_or_create(site=site, defaults={"counting_enabled": False})
    for url in [shop.get_url(), shop.get_parent().get_url(), "/"]:
        assert counting_script(client.get(url)) is None, url


def test_switching_counting_back_on_takes_effect_at_once(client, shop):
    site = Site.objects.get(is_default_site=True)
    settings = InsightsSettings.for_site(site)
    settings.counting_enabled = False
    settings.save()
    assert counting_script(client.get(shop.get_url())) is None
    settings.counting_enabled = True
    settings.save()
    assert counting_script(client.get(shop.get_url())) is not None
