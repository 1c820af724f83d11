"""The stories index (/histoires/), the home page's stories: which live stories show, in
what order, as cards.

The query string is French and bookmarkable: campagne (a campaign's slug), page (12
stories a page). Anything it cannot use is dropped with a notice; nothing in it can
make the page fail.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core import front_cache, query_params
from core.images import CARD_PICTURE, load_renditions
from core.visibility import public_q
from stories.featuring import STORY_ORDERING, public_stories

PAGE_SIZE = 12
HOME_PAGE_COUNT = 3
# What a story card (stories/components/story_card.html) shows of a story; the tree
# path names it in the front cache's keys.
CARD_STORY_FIELDS = (
    "path",
    "url_path",
    "title",
    "standfirst",
    "publication_date",
    "hero_image",
    "campaign__title",
)


@dataclass
class StoryQuery:
    """What the reader asked the index for, cleaned. `notices` say what was ignored."""

    campaign: object = None  # a CampaignPage
    page: str = "1"
    notices: list = field(default_factory=list)


def parse_story_query(params, campaigns):
    """A StoryQuery from a QueryDict (request.GET) or a dict; `campaigns` are the
    campaigns one can filter by. Never raises."""
    query = StoryQuery()
    query.campaign = query_params.choice(
        params,
        "campagne",
        lambda slug: next((page for page in campaigns if page.slug == slug), None),
        query.notices,
        _("Campagne inconnue : « %(value)s » ; elle est ignorée."),
    )
    query.page = query_params.page_number(params)
    return query


def index_stories(index_page, campaign=None):
    """The live, public stories under `index_page` (of `campaign` if given), newest
    first, with their main picture and campaign (lazy)."""
    front_cache.shows(front_cache.STORIES)
    stories = public_stories().child_of(index_page).select_related("hero_image", "campaign")
    if campaign is not None:
        stories = stories.filter(campaign=campaign)
    return stories


def with_card_fields(stories):
    """`stories` (a queryset) reading only what their cards show, with their main
    picture and their campaign's title: a page's other fields cost more to read and build
    than the card."""
    return stories.select_related("hero_image", "campaign").only(*CARD_STORY_FIELDS)


def with_renditions(stories):
    """`stories`, evaluated, with their cards' pictures' renditions loaded at once."""
    stories = list(stories)
    front_cache.shows(*(front_cache.page_key(story) for story in stories))
    load_renditions((story.hero_image for story in stories), CARD_PICTURE)
    return stories


def campaigns_of(index_page):
    from stories.models import CampaignPage

    return list(
        CampaignPage.objects.live()
        .filter(public_q())
        .child_of(index_page)
        .order_by("-start_date", "title")
    )


def home_page_stories(count=HOME_PAGE_COUNT):
    """The home page's stories: those staff pinned first, then the newest."""
    front_cache.shows(front_cache.STORIES)
    stories = with_card_fields(public_stories()).order_by("-pinned", *STORY_ORDERING)[:count]
    return with_renditions(stories)
