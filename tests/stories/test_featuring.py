"""'Ils en parlent' on a shop page: the live stories that feature the shop, whether among
their featured shops or in a shop card of their body, from the reference index."""

import pytest

from stories.featuring import stories_featuring
from tests.factories import ShopPageFactory, StoryPageFactory, story_block

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(stories_index):
    return ShopPageFactory(title="Librairie du Pont")


def titles(stories):
    return [story.title for story in stories]


def test_a_story_featuring_the_shop_is_listed(shop):
    StoryPageFactory(title="Un libraire engagé", featured_shops=[shop])
    assert titles(stories_featuring(shop)) == ["Un libraire engagé"]


def test_a_shop_card_in_the_body_counts_as_featuring(shop):
    StoryPageFactory(title="Lire en ville", body=[story_block("shop_card", {"shop": shop})])
    assert titles(stories_featuring(shop)) == ["Lire en ville"]


def test_a_story_naming_the_shop_twice_is_listed_once(shop):
    StoryPageFactory(
        title="Deux fois", featured_shops=[shop], body=[story_block("shop_card", {"shop": shop})]
    )
    assert titles(stories_featuring(shop)) == ["Deux fois"]


def test_stories_about_other_shops_or_linking_the_shop_otherwise_are_not_listed(shop):
    StoryPageFactory(featured_shops=[ShopPageFactory()])
    StoryPageFactory(body=[story_block("call_to_action", {"label": "Voir", "page": shop})])
    assert stories_featuring(shop) == []


def test_unpublished_and_draft_stories_are_not_listed(shop):
    StoryPageFactory(title="Retirée", featured_shops=[shop]).unpublish()
    StoryPageFactory(title="Brouillon", featured_shops=[shop], publish=False)
    assert stories_featuring(shop) == []


def test_removing_the_shop_from_a_story_removes_the_story(shop):
    story = StoryPageFactory(featured_shops=[shop])
    story.featured_shops = []
    story.save_revision().publish()
    assert stories_featuring(shop) == []


def test_a_draft_change_does_not_show_until_published(shop):
    story = StoryPageFactory(title="Avant")
    story.body = [story_block("shop_card", {"shop": shop})]
    revision = story.save_revision()
    assert stories_featuring(shop) == []
    revision.publish()
    assert titles(stories_featuring(shop)) == ["Avant"]


def test_newest_story_first(shop):
    from datetime import date

    StoryPageFactory(title="Ancienne", publication_date=date(2026, 1, 5), featured_shops=[shop])
    StoryPageFactory(title="Récente", publication_date=date(2026, 10, 5), featured_shops=[shop])
    assert titles(stories_featuring(shop)) == ["Récente", "Ancienne"]


def test_shop_page_shows_ils_en_parlent_with_links(client, now, shop):
    story = StoryPageFactory(title="Un libraire engagé", featured_shops=[shop])
    html = client.get(shop.url).content.decode()
    assert "Ils en parlent" in html
    assert f'<a href="{story.url}">Un libraire engagé</a>' in html


def test_shop_page_with_stories_stays_within_its_query_budget(
    client, now, shop, django_assert_max_num_queries
):
    from tests.factories import OfferPageFactory

    for number in range(4):
        StoryPageFactory(title=f"Histoire {number}", featured_shops=[shop])
        ShopPageFactory(title=f"Voisin {number}")
    OfferPageFactory(parent=shop)
    client.get(shop.url)  # the first request warms the caches
    with django_assert_max_num_queries(15):
        html = client.get(shop.url).content.decode()
    assert html.count('class="story-links__date"') == 4
