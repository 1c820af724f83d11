"""/histoires/: newest first, 12 a page, a campaign filter, an RSS feed; page types."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from stories.models import CampaignPage, StoriesPage, StoryPage
from tests.factories import CampaignPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(stories_index):
    return CampaignPageFactory(parent=stories_index, title="Achetez à Vilvèze", slug="achetez")


def story_titles(html):
    import re

    return re.findall(r'<h3 class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_index_lists_stories_newest_first_twelve_a_page(client, stories_index):
    for day in range(14):
        StoryPageFactory(title=f"Histoire du {day + 1}", publication_date=date(2026, 3, day + 1))
    first = client.get("/histoires/").content.decode()
    assert story_titles(first)[:2] == ["Histoire du 14", "Histoire du 13"]
    assert len(story_titles(first)) == 12
    assert story_titles(client.get("/histoires/", {"page": 2}).content.decode()) == [
        "Histoire du 2",
        "Histoire du 1",
    ]


def test_index_filters_by_campaign(client, campaign):
    StoryPageFactory(title="Dans la campagne", campaign=campaign)
    StoryPageFactory(title="Hors campagne")
    html = client.get("/histoires/", {"campagne": "achetez"}).content.decode()
    assert story_titles(html) == ["Dans la campagne"]


def test_unknown_campaign_is_ignored_with_a_notice(client, campaign):
    StoryPageFactory(title="Une histoire")
    html = client.get("/histoires/", {"campagne": "nulle-part"}).content.decode()
    assert "Campagne inconnue : « nulle-part »" in html
    assert story_titles(html) == ["Une histoire"]


def test_index_hides_stories_scheduled_for_later(client, stories_index):
    from django.utils import timezone

    story = StoryPageFactory(title="Plus tard", publish=False)
    story.go_live_at = timezone.now() + timedelta(days=30)  # as the editor's schedule
    story.save_revision().publish()
    story.refresh_from_db()
    assert not story.live
    assert story_titles(client.get("/histoires/").content.decode()) == []


def test_scheduled_story_goes_live_with_publish_scheduled(client, stories_index, clock):
    from django.core.management import call_command

    scheduled_at = clock.now + timedelta(days=1)
    story = StoryPageFactory(title="Programmée", publish=False)
    story.go_live_at = scheduled_at
    story.save_revision().publish()
    assert story_titles(client.get("/histoires/").content.decode()) == []
    clock(scheduled_at + timedelta(hours=1))
    call_command("publish_scheduled")
    assert story_titles(client.get("/histoires/").content.decode()) == ["Programmée"]


def test_feed_is_rss_with_the_stories_newest_first(client, campaign):
    StoryPageFactory(title="Ancienne", publication_date=date(2026, 1, 5))
    StoryPageFactory(title="Récente", publication_date=date(2026, 2, 5), campaign=campaign)
    response = client.get("/histoires/flux/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Récente", "Ancienne"]
    assert items[0].findtext("link") == "http://testserver/histoires/recente/"
    assert items[0].findtext("category") == "Achetez à Vilvèze"


def test_feed_takes_the_campaign_filter(client, campaign):
    StoryPageFactory(title="Dans la campagne", campaign=campaign)
    StoryPageFactory(title="Hors campagne")
    response = client.get("/histoires/flux/", {"campagne": "achetez"})
    titles = [
        item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")
    ]
    assert titles == ["Dans la campagne"]


def test_index_links_its_feed_in_the_head(client, stories_index):
    html = client.get("/histoires/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml" href="/histoires/flux/"' in html


NASTY = st.sampled_from(
    ["", "-1", "0", "2", "99999", "1e400", "nan", "<script>", "é" * 3000, "\x00", "achetez"]
)
PARAMS = st.dictionaries(
    st.sampled_from(["campagne", "page"]), st.one_of(NASTY, st.text(max_size=30)), max_size=2
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=PARAMS)
def test_any_query_string_gets_the_index_and_feed_not_an_error(client, campaign, params):
    # A page number that names no page (not a whole number, past the last) is a 404.
    assert client.get("/histoires/", params).status_code in (200, 404)
    assert client.get("/histoires/flux/", params).status_code == 200


@pytest.mark.parametrize(
    "path", ["/histoires/nulle-part/", "/histoires/flux/plus/", "/histoires/%00/"]
)
def test_unknown_addresses_under_the_index_answer_404(client, stories_index, path):
    assert client.get(path).status_code == 404


class StoryPageTypeRulesTests(WagtailPageTestCase):
    def test_stories_and_campaigns_live_under_the_stories_page(self):
        self.assertAllowedSubpageTypes(StoriesPage, {StoryPage, CampaignPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoriesPage})
        self.assertAllowedParentPageTypes(CampaignPage, {StoriesPage})

    def test_stories_and_campaigns_have_no_children(self):
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(CampaignPage, set())

    def test_stories_cannot_go_elsewhere(self):
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(HomePage, CampaignPage)
