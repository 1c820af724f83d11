"""The directory as a phone gets it: the filters folded into « Filtrer » with the active
ones as removable chips and an « Appliquer » button for browsers without JavaScript,
cards with the shop's address and a call button, and « Itinéraire » links that a script
can turn into the phone's own maps application."""

import re
from html.parser import HTMLParser

import pytest
from django.http import QueryDict

from directory.filter_chips import filter_chips
from directory.search import parse_query
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    OperationPageFactory,
    OperationsPageFactory,
    ServiceFactory,
    ShopPageFactory,
)
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db

URL = "/commerces/"
ALWAYS_OPEN = [(day, "00:00", "00:00") for day in range(7)]


@pytest.fixture
def bakery(directory):
    return ShopPageFactory(
        title="Boulangerie du Beffroi",
        category=CategoryFactory(name="Boulangerie", slug="boulangerie"),
        district=DistrictFactory(name="Centre", slug="centre"),
        street="Grand-Place 1",
        postcode="5999",
        locality="Vilvèze",
        phone="081 / 23.45.67",
        latitude=50.4671,
        longitude=4.8679,
        hours=ALWAYS_OPEN,
        services=[ServiceFactory(name="Livraison"), ServiceFactory(name="Terrasse")],
    )


class Links(HTMLParser):
    """Each <a>'s attributes and its text as a screen reader reads it (aria-hidden
    parts left out): its accessible name."""

    def __init__(self, html):
        super().__init__()
        self.links, self._stack, self._hidden = [], [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append({**attrs, "name": ""})
            self._stack.append(tag)
        elif self._stack and tag == "span":
            self._stack.append("hidden" if attrs.get("aria-hidden") == "true" else tag)
            self._hidden += attrs.get("aria-hidden") == "true"

    def handle_endtag(self, tag):
        if self._stack and tag in ("a", "span"):
            self._hidden -= self._stack.pop() == "hidden"

    def handle_data(self, data):
        if self._stack and not self._hidden:
            self.links[-1]["name"] += data

    def named(self, name):
        found = [link for link in self.links if " ".join(link["name"].split()) == name]
        assert len(found) == 1, (name, [link["name"] for link in self.links])
        return found[0]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def chips(query_string, now):
    params = QueryDict(query_string)
    return [(chip.label, chip.url) for chip in filter_chips(params, parse_query(params, now), URL)]


# --- Chips ----------------------------------------------------------------------------


def test_each_active_filter_is_a_chip_linking_to_the_search_without_it(now, bakery):
    assert chips("q=pain&categorie=boulangerie&quartier=centre&ouvert=maintenant", now) == [
        ("Boulangerie", "/commerces/?q=pain&quartier=centre&ouvert=maintenant"),
        ("Centre", "/commerces/?q=pain&categorie=boulangerie&ouvert=maintenant"),
        ("Ouvert maintenant", "/commerces/?q=pain&categorie=boulangerie&quartier=centre"),
    ]


def test_a_service_chip_removes_only_that_service(now, bakery):
    assert chips("service=livraison&service=terrasse", now) == [
        ("Livraison", "/commerces/?service=terrasse"),
        ("Terrasse", "/commerces/?service=livraison"),
    ]


def test_removing_the_last_filter_leads_to_the_whole_directory(now, bakery):
    assert chips("categorie=boulangerie", now) == [("Boulangerie", "/commerces/")]


def test_a_chip_drops_the_page_number(now, bakery):
    assert chips("categorie=boulangerie&ouvert=maintenant&page=3", now)[0] == (
        "Boulangerie",
        "/commerces/?ouvert=maintenant",
    )


def test_a_moment_to_be_open_at_is_a_chip_too(now, bakery):
    assert chips("ouvert=2026-11-29T10:00", now) == [
        ("Ouverts le dimanche 29 novembre à 10:00", "/commerces/")
    ]


def test_an_operation_is_a_chip_whether_named_or_taken_over_from_a_service(now, bakery, directory):
    OperationPageFactory(
        parent=OperationsPageFactory(parent=directory.get_parent()),
        title="Chèques commerce",
        slug="cheques-commerce",
        replaces_service="cheques",
    )
    assert chips("operation=cheques-commerce&quartier=centre", now)[1] == (
        "Chèques commerce",
        "/commerces/?quartier=centre",
    )
    assert chips("service=cheques&service=livraison", now) == [
        ("Livraison", "/commerces/?service=cheques"),
        ("Chèques commerce", "/commerces/?service=livraison"),
    ]


def test_an_unknown_filter_gets_no_chip(now, bakery):
    assert chips("categorie=nulle-part&q=pain&tri=nom", now) == []


def test_chips_are_links_named_retirer_le_filtre(client, now, bakery):
    html = html_of(client, f"{URL}?q=pain&categorie=boulangerie&ouvert=maintenant")
    links = Links(html)
    assert links.named("Retirer le filtre Boulangerie")["href"] == (
        "/commerces/?q=pain&ouvert=maintenant"
    )
    assert links.named("Retirer le filtre Ouvert maintenant")["href"] == (
        "/commerces/?q=pain&categorie=boulangerie"
    )


def test_no_chips_without_filters(client, now, bakery):
    assert "filter-chip" not in html_of(client, f"{URL}?q=pain")


# --- The folded filters -----------------------------------------------------------------


def test_filters_fold_into_a_filtrer_disclosure(client, now, bakery):
    html = html_of(client, f"{URL}?categorie=boulangerie&ouvert=maintenant")
    (panel,) = re.findall(r"<details class=\"filters__panel\"[^>]*>(.*?)</details>", html, re.S)
    assert re.search(r"<summary[^>]*>\s*Filtrer <span[^>]*>\(2\)</span></summary>", panel)
    for label in ("Catégorie", "Quartier", "Trier par", "Ouvert maintenant", "Services"):
        assert label in panel
    # Closed: a phone shows the chips and the first result, not the form.
    assert '<details class="filters__panel" id="filters-panel">' in html


def test_appliquer_submits_the_filters_right_below_them(client, now, bakery):
    html = html_of(client, URL)
    (panel,) = re.findall(r"<details class=\"filters__panel\"[^>]*>(.*?)</details>", html, re.S)
    last = panel.strip().splitlines()[-1].strip()
    assert last == '<button class="button filters__apply" type="submit">Appliquer</button>'
    assert re.search(r'<script src="/static/js/filters\.js[^"]*" defer></script>', html)


# --- Cards ------------------------------------------------------------------------------


def test_a_card_shows_the_address_and_a_call_button(client, now, bakery):
    html = html_of(client, URL)
    (card,) = re.findall(r'<article class="card card--shop">.*?</article>', html, re.S)
    assert "Grand-Place 1, 5999 Vilvèze" in card
    call = Links(card).named("Appeler Boulangerie du Beffroi")
    assert call["href"] == "tel:081234567"
    assert call["data-intent"] == "call"
    assert call["data-shop"] == str(bakery.pk)
    # Beside the open/closed line.
    assert re.search(
        r'<div class="shop-card__line">\s*<p class="shop-card__status">Ouvert[^<]*</p>\s*<a ',
        card,
    )


def test_a_card_without_a_phone_has_no_call_button(client, now, directory):
    ShopPageFactory(title="Fleurs du Centre", phone="")
    html = html_of(client, URL)
    assert "Fleurs du Centre" in html
    assert "shop-card__call" not in html


# --- Directions ---------------------------------------------------------------------------


def test_directions_link_works_without_javascript_and_carries_the_shop_for_the_script(
    client, now, bakery
):
    html = html_of(client, bakery.url)
    links = Links(html)
    directions = links.named("Itinéraire")
    assert directions["href"] == (
        "https://www.openstreetmap.org/directions?route=%3B50.467100%2C4.867900"
        "#map=17/50.467100/4.867900"
    )
    assert (directions["data-lat"], directions["data-lon"]) == ("50.467100", "4.867900")
    assert directions["data-name"] == "Boulangerie du Beffroi"
    assert links.named("Itinéraire vers Boulangerie du Beffroi")["data-lat"] == "50.467100"
    assert re.search(r'<script src="/static/js/directions\.js[^"]*" defer></script>', html)


@VALIDATES_HTML
def test_the_folded_filters_chips_and_cards_are_valid_html_without_inline_code(client, now, bakery):
    query = "q=pain&categorie=boulangerie&ouvert=maintenant&service=livraison"
    html = html_of(client, f"{URL}?{query}")
    assert inline_code(html) == []
    assert validate_html({"directory": html}) == []
