"""The demo content fits the day it is seeded (issue 18): seeded under a frozen clock on
days of each season, its offers run on that day, an offer that names a weekday runs over
it, operations are ahead and stories behind, and no title or text speaks of a season
its dates are not in ("Braderie d'été" in November)."""

import json
import re
from datetime import datetime, timedelta

import pytest

from core.clock import BRUSSELS
from demo.seasons import Season, seasons_between
from directory.models import OperationKind, OperationPage
from offers.models import OfferPage
from stories.models import CampaignPage, StoryPage
from tests import demo_database
from tests.clock import FrozenClock

pytestmark = [
    pytest.mark.django_db,
    # Each day is a seeding of its own (seconds each): what this checks is the demo's
    # date arithmetic and texts, decided in Python; the seeding's SQL on PostgreSQL
    # runs in tests/demo.
    pytest.mark.engine_independent("the demo's dates and texts, computed in Python"),
]

# One day a season (each seed costs seconds), winter's on the eve of Christmas: the last
# day the December Sunday opening can still be ahead.
SEED_DAYS = [
    datetime(2027, 4, 20, 10, tzinfo=BRUSSELS),
    datetime(2027, 7, 27, 10, tzinfo=BRUSSELS),
    datetime(2026, 11, 27, 10, tzinfo=BRUSSELS),
    datetime(2026, 12, 24, 10, tzinfo=BRUSSELS),
]

# Words that speak of one season: a text holding one must have a date in that season.
# This list is the test's own, not the demo's, so a new seasonal text is caught.
SEASON_WORDS = {
    Season.WINTER: [
        "hiver", "hivernal", "hivernale", "noël", "fêtes", "décembre", "janvier", "février",
        "avent", "raclette", "fondue", "galette", "bûche", "bûches", "houx", "sapin", "gel",
    ],
    Season.SPRING: [
        "printemps", "printanier", "printanière", "pâques", "mars", "avril", "mai",
        "pivoine", "pivoines", "muguet", "rhubarbe", "tulipes",
    ],
    Season.SUMMER: [
        "d'été", "l'été", "cet été", "en été", "estival", "estivale", "juin", "juillet",
        "août", "barbecue", "vacances", "fraises", "plage",
    ],
    Season.AUTUMN: [
        "automne", "automnal", "automnale", "septembre", "octobre", "novembre", "rentrée",
        "toussaint", "halloween", "citrouille", "gibier", "pot-au-feu",
    ],
}  # fmt: skip

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def words(text, vocabulary):
    """The words of `vocabulary` that `text` holds as whole words, in any case."""
    text = text.lower().replace("’", "'")
    return {word for word in vocabulary if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)}


def seasons_named(text):
    return {season for season, vocabulary in SEASON_WORDS.items() if words(text, vocabulary)}


@pytest.fixture(scope="module", params=SEED_DAYS, ids=lambda moment: moment.date().isoformat())
def seed_day(request, django_db_setup, django_db_blocker):
    """The demo seeded under a clock frozen at the parameter's moment (its day, in
    Brussels), gone after the module's tests of that day."""
    with pytest.MonkeyPatch.context() as monkeypatch, django_db_blocker.unblock():
        clock = FrozenClock(monkeypatch, request.param)
        with demo_database.demo_content(key=request.param):
            yield clock.today


def offers():
    return list(OfferPage.objects.order_by("path"))


def test_offers_run_on_the_day_but_for_the_few_ended_and_upcoming(seed_day):
    current = [offer for offer in offers() if offer.start_date <= seed_day <= offer.end_date]
    ended = [offer for offer in offers() if offer.end_date < seed_day]
    upcoming = [offer for offer in offers() if offer.start_date > seed_day]
    assert len(current) >= 30
    assert (len(ended), len(upcoming)) == (3, 3)
    assert len(current) + len(ended) + len(upcoming) == len(offers())


def test_an_offer_naming_a_weekday_runs_over_that_weekday(seed_day):
    named = 0
    for offer in offers():
        for weekday in words(f"{offer.title} {offer.short_text}", WEEKDAYS):
            named += 1
            days = (offer.end_date - offer.start_date).days + 1
            covered = {
                (offer.start_date + timedelta(days=n)).weekday() for n in range(min(days, 7))
            }
            assert WEEKDAYS.index(weekday) in covered, (
                offer.title,
                offer.start_date,
                offer.end_date,
            )
    assert named >= 4  # the demo has such offers, on every seed day


def test_offer_titles_and_texts_fit_the_seasons_of_their_dates(seed_day):
    for offer in offers():
        text = f"{offer.title} {offer.short_text} {offer.conditions}"
        assert seasons_named(text) <= seasons_between(offer.start_date, offer.end_date), (
            offer.title,
            offer.start_date,
            offer.end_date,
        )


def test_the_campaign_runs_over_the_day_and_speaks_of_its_season(seed_day):
    campaign = CampaignPage.objects.get()
    assert campaign.start_date <= seed_day <= campaign.end_date
    text = f"{campaign.title} {campaign.intro} {campaign.search_description}"
    assert seasons_named(text) <= seasons_between(campaign.start_date, campaign.end_date)
    assert seasons_named(text) == seasons_between(seed_day, seed_day)


def test_stories_are_published_before_the_day_and_fit_their_season(seed_day):
    for story in StoryPage.objects.all():
        assert story.publication_date < seed_day
        body = json.dumps(list(story.body.raw_data), ensure_ascii=False)
        text = f"{story.title} {story.standfirst} {body}"
        assert seasons_named(text) <= seasons_between(
            story.publication_date, story.publication_date
        ), story.title


def test_operation_days_are_ahead_and_fit_their_season(seed_day):
    operations = OperationPage.objects.prefetch_related("days")
    assert operations.count() == 3
    for operation in operations:
        text = f"{operation.title} {operation.intro}"
        if operation.kind == OperationKind.SCHEME:
            assert operation.start_date <= seed_day <= operation.end_date
            seasons = seasons_between(operation.start_date, operation.end_date)
        else:
            dates = [day.date for day in operation.days.all()]
            assert dates, operation.title
            assert min(dates) > seed_day, operation.title
            seasons = set().union(*(seasons_between(day, day) for day in dates))
        assert seasons_named(text) <= seasons, operation.title


def test_the_season_words_are_found_where_they_are():
    assert seasons_named("Braderie d'été") == {Season.SUMMER}
    assert seasons_named("Il a été content") == set()
    assert seasons_named("Le pain du dimanche, mais pas en mai") == {Season.SPRING}
    assert words("Samedi matin, goûtez", WEEKDAYS) == {"samedi"}
