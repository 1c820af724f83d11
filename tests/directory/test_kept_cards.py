"""A search's cards kept in the process and their HTML kept in the cache (directory.cards,
templates/directory/directory_page.html): what the next search with the same cards does
not do again, and when it does."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.test.utils import override_settings
from django.utils import translation

from core.caching import STALE_AFTER
from core.clock import BRUSSELS
from directory import cards as cards_module
from tests.directory.test_cards import make_bakeries

pytestmark = pytest.mark.django_db

URL = "/commerces/?q=boul"
CARD_TEMPLATE = "components/shop_card.html"


@pytest.fixture
def bakeries():
    return make_bakeries(3)


@pytest.fixture
def card_reads(monkeypatch):
    """The card keys each search asks the cache for, one list per `cache.get_many`."""
    reads = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        reads.append([key for key in keys if key.startswith("vitrine:shop-card:")])
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cards_module.cache, "get_many", counting)
    return reads


def search(client):
    with override_settings(PAGE_CACHE=False):
        response = client.get(URL)
    assert response.status_code == 200
    return response


def test_a_second_search_reads_its_cards_from_the_process_not_the_cache(
    client, clock, bakeries, card_reads
):
    search(client)
    card_reads.clear()
    search(client)
    assert not any(card_reads)


def test_a_card_kept_in_the_process_is_read_from_the_cache_again_once_stale(
    client, clock, bakeries, card_reads, monkeypatch
):
    search(client)
    card_reads.clear()
    loaded_at = max(kept.loaded_at for kept in cards_module._kept.values())
    monkeypatch.setattr(cards_module.time, "time", lambda: loaded_at + STALE_AFTER)
    search(client)
    assert sum(len(keys) for keys in card_reads) == 3


def test_a_second_search_renders_no_card_again(client, clock, bakeries):
    assert CARD_TEMPLATE in [template.name for template in search(client).templates]
    again = search(client)
    assert CARD_TEMPLATE not in [template.name for template in again.templates]
    assert again.content.decode().count('class="card card--shop"') == 3


def test_a_kept_card_html_is_the_rendered_one(client, clock, bakeries):
    first = search(client).content.decode()
    assert search(client).content.decode() == first


def test_a_second_search_before_the_shops_change_reads_no_status_again(
    client, clock, bakeries, monkeypatch
):
    read = []
    reading = cards_module.read_status_line
    monkeypatch.setattr(
        cards_module, "read_status_line", lambda *args: read.append(args) or reading(*args)
    )
    search(client)
    assert len(read) == 3
    clock(datetime(2026, 11, 24, 17, 59, 30, tzinfo=BRUSSELS))
    again = search(client)
    assert len(read) == 3
    # The page still reads differently from the shops' closing on (core.front_cache).
    assert "s-maxage=30" in again["Cache-Control"]
    assert "Ouvert · ferme à 18:00" in again.content.decode()
    clock(datetime(2026, 11, 24, 18, 0, tzinfo=BRUSSELS))
    assert "Fermé · ouvre le 1 décembre à 09:00" in search(client).content.decode()
    assert len(read) == 6


def test_a_kept_status_line_is_read_again_in_another_language(clock, bakeries, monkeypatch):
    read = []
    reading = cards_module.read_status_line
    monkeypatch.setattr(
        cards_module, "read_status_line", lambda *args: read.append(args) or reading(*args)
    )
    ids = [shop.pk for shop in bakeries]
    cards_module.shop_cards(ids, None, clock.now)
    cards_module.shop_cards(ids, None, clock.now)
    assert len(read) == 3
    # The line is a translated sentence: kept in French, it is not another language's.
    with translation.override("en"):
        cards_module.shop_cards(ids, None, clock.now)
    assert len(read) == 6
