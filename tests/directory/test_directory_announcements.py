"""What the directory tells a screen-reader user without looking: the number of results
in the page's title (read first when the page opens) and in a status region, and the
notices about the query in a status region holding a plain list."""

import pytest

from tests.factories import CategoryFactory, ShopPageFactory
from tests.html import page_title, roles, status_regions, status_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakeries(directory):
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    ShopPageFactory(title="Boulangerie Dupont", category=bakery)
    ShopPageFactory(title="Au Bon Pain", category=bakery)
    ShopPageFactory(title="Fleurs Martin")


def html_of(client, params):
    response = client.get("/commerces/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_filtered_directory_puts_its_count_in_the_title(bakeries, client):
    html = html_of(client, {"categorie": "boulangerie"})
    assert page_title(html) == "Commerces — 2 résultats · Vitrine"


def test_a_search_with_one_result_says_it_in_the_singular(bakeries, client):
    assert page_title(html_of(client, {"q": "fleurs"})) == "Commerces — 1 résultat · Vitrine"


def test_a_search_without_result_says_aucun_resultat(bakeries, client):
    html = html_of(client, {"q": "quincaillerie"})
    assert page_title(html) == "Commerces — Aucun résultat · Vitrine"
    assert "Aucun commerce" in status_texts(html)


def test_open_now_is_a_filter_whose_count_is_in_the_title(bakeries, client, now):
    assert page_title(html_of(client, {"ouvert": "maintenant"})) == (
        "Commerces — Aucun résultat · Vitrine"
    )


def test_the_unfiltered_directory_keeps_its_plain_title(bakeries, client):
    assert page_title(html_of(client, {})) == "Commerces · Vitrine"


def test_the_count_of_results_is_in_a_status_region(bakeries, client):
    assert "2 commerces" in status_texts(html_of(client, {"categorie": "boulangerie"}))


def test_notices_are_a_plain_list_inside_a_status_region(bakeries, client):
    html = html_of(client, {"categorie": "inconnue", "tri": "prix"})
    notices = [region for region in status_regions(html) if "ul" in region["children"]]
    assert len(notices) == 1
    assert notices[0]["tag"] == "div"
    assert notices[0]["children"].count("li") == 2


def test_no_list_or_list_item_carries_a_role(bakeries, client):
    html = html_of(client, {"categorie": "inconnue", "q": "fleurz"})
    assert [(tag, role) for tag, role in roles(html) if tag in ("ul", "ol", "li")] == []


def test_the_search_reading_is_a_plain_list_inside_a_status_region(bakeries, client):
    html = html_of(client, {"q": "fleurz"})
    readings = [region for region in status_regions(html) if "Résultats pour" in region["text"]]
    assert [(region["tag"], region["children"]) for region in readings] == [
        ("div", ["ul", "li", "em", "em"])
    ]
