"""SQL queries of the story pages: they do not grow with the number of shops a story
features or shows in cards, nor with its pictures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.listing import home_page_stories
from tests.factories import (
    ALL_WEEK,
    CampaignPageFactory,
    ImageFactory,
    OfferPageFactory,
    ShopPageFactory,
    StoryPageFactory,
    story_block,
)
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

STORY_PAGE_BUDGET = 15


def count_queries(client, url):
    client.get(url)  # the first request makes the renditions and warms the caches
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([query for query in context if "SAVEPOINT" not in query["sql"]])


def shops(count, prefix):
    made = []
    for number in range(count):
        shop = ShopPageFactory(title=f"{prefix} {number}", hours=ALL_WEEK, logo=ImageFactory())
        OfferPageFactory(parent=shop, title=f"Offre {prefix} {number}")
        made.append(shop)
    return made


def image_blocks():
    """One block of each kind that shows pictures."""
    image = ImageFactory()
    return [
        story_block("image", {"image": image, "caption": "La vitrine", "credit": "Ville"}),
        story_block("gallery", {"images": [{"image": image}, {"image": ImageFactory()}]}),
        story_block("testimonial", {"quote": "Merci", "name": "Léa", "photo": image}),
        story_block("video", {"url": "https://vimeo.com/1", "title": "Visite", "poster": image}),
    ]


def test_story_page_with_ten_shop_cards_and_ten_featured_shops_stays_within_budget(
    client, now, stories_index
):
    story = StoryPageFactory(
        parent=stories_index,
        hero_image=ImageFactory(),
        featured_shops=shops(10, "Vedette"),
        body=[
            *(story_block("shop_card", {"shop": shop}) for shop in shops(10, "Carte")),
            *image_blocks(),
        ],
    )
    assert count_queries(client, story.url) <= STORY_PAGE_BUDGET


def test_story_page_queries_do_not_grow_with_its_shops(client, now, stories_index):
    small = StoryPageFactory(
        parent=stories_index,
        featured_shops=shops(1, "Seule"),
        body=[story_block("shop_card", {"shop": shops(1, "Une")[0]})],
    )
    big = StoryPageFactory(
        parent=stories_index,
        featured_shops=shops(6, "Vedette"),
        body=[story_block("shop_card", {"shop": shop}) for shop in shops(6, "Carte")],
    )
    assert count_queries(client, big.url) == count_queries(client, small.url)


def campaign_with(stories_index, count, prefix):
    campaign = CampaignPageFactory(
        parent=stories_index,
        title=f"Campagne {prefix}",
        slug=f"campagne-{prefix}",
        partners=[{"name": "Partenaire", "url": "https://asso.example", "logo": ImageFactory()}],
    )
    for number in range(count):
        StoryPageFactory(
            parent=stories_index,
            campaign=campaign,
            hero_image=ImageFactory(),
            featured_shops=shops(2, f"{prefix} {number} vedette"),
            body=[story_block("shop_card", {"shop": shops(1, f"{prefix} {number} carte")[0]})],
        )
    return campaign


def test_campaign_page_queries_do_not_grow_with_its_stories_and_shops(client, now, stories_index):
    small = campaign_with(stories_index, 1, "petite")
    big = campaign_with(stories_index, 5, "grande")
    assert count_queries(client, big.url) == count_queries(client, small.url)


def test_home_page_stories_are_read_from_the_stories_not_from_a_scan_of_every_page(
    stories_index,
):
    """The home page's stories must cost the same however many shops there are: SQLite
    must start from the story table, not scan the page table (the shops included) for
    the live pages. Without statistics (SQLite's planner has none for the page table)
    its plan is the same for three pages as for 100,000."""
    StoryPageFactory(parent=stories_index, title="Des fleurs livrées à vélo")
    ShopPageFactory(title="Boulangerie du Beffroi")
    with CaptureQueriesContext(connection) as context:
        assert len(home_page_stories()) == 1
    (stories_query,) = [query["sql"] for query in context if "stories_storypage" in query["sql"]]
    # Driven from the story table, on either database.
    assert (
        stories_query.index('FROM "stories_storypage"')
        < stories_query.find('FROM "wagtailcore_page"')
        or 'FROM "wagtailcore_page"' not in stories_query
    )
    if connection.vendor == "sqlite":
        # PostgreSQL's plan depends on its statistics; SQLite's has none for the page
        # table, and is the same for three pages as for 100,000.
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {stories_query}")
            plan = [row[-1] for row in cursor.fetchall()]
        assert not [step for step in plan if step.startswith("SCAN wagtailcore_page")], plan
