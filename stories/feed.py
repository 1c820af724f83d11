"""The stories as an RSS 2.0 feed (/histoires/flux/), for feed readers and the city's
other channels: the same stories as /histoires/ (with its campaign filter), newest
first, absolute links. Built the way offers.rss builds the offers' feed."""

from datetime import datetime, time

from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from core.clock import BRUSSELS
from offers.rss import CONTENT_TYPE
from stories.listing import campaigns_of, index_stories, parse_story_query

FEED_SIZE = 30


def publication_moment(story):
    """When the story appeared: its date, at the time it first went live (or 8:00)."""
    first = story.first_published_at
    moment = first.astimezone(BRUSSELS).time() if first else time(8, 0)
    return datetime.combine(story.publication_date, moment, BRUSSELS)


def stories_rss(stories, *, title, index_url, feed_url, absolute_url):
    """The RSS document (a str) of `stories`; `absolute_url(page)` gives a page's
    absolute URL."""
    rss = feedgenerator.Rss201rev2Feed(
        title=title,
        link=index_url,
        description=_("Les histoires des commerçants de la ville."),
        language="fr-be",
        feed_url=feed_url,
    )
    for story in stories:
        url = absolute_url(story)
        rss.add_item(
            title=story.title,
            link=url,
            description=story.standfirst,
            unique_id=url,
            unique_id_is_permalink=True,
            pubdate=publication_moment(story),
            categories=[story.campaign.title] if story.campaign else [],
        )
    return rss.writeString("utf-8")


def stories_feed_response(request, index_page):
    query = parse_story_query(request.GET, campaigns_of(index_page))
    index_url = index_page.get_full_url(request)
    document = stories_rss(
        index_stories(index_page, query.campaign)[:FEED_SIZE],
        title=_("%(title)s · Vitrine") % {"title": index_page.title},
        index_url=index_url,
        feed_url=index_url + index_page.reverse_subpage("feed"),
        absolute_url=lambda page: page.get_full_url(request),
    )
    return HttpResponse(document, content_type=CONTENT_TYPE)
