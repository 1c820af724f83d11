"""90 days of plausible counts for the demo, so the reports have something to show: the
last step of `demo.runner.seed_demo`, made up for the pages the other steps created.

Deterministic (a seeded random generator) and written in bulk; it runs only while no
count exists, so a second run, or a site with real counts, is left alone. Shops get a
popularity of their own, busier Saturdays and quiet Sundays, and intents in proportion
to their views (only the kinds their page offers: no "booking" without a booking link);
current offers, stories and campaigns get views, and send some of their readers on to
the shops they show; the directory gets searches, a few of which find nothing.
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from wagtail.models import Page

from core import clock, tree
from directory.models import DirectoryPage, ShopPage
from insights.counting import CAMPAIGN, STORY
from insights.models import NO_SOURCE, DailyCount, DailySearch, EventKind
from insights.tables import content_type_ids
from offers.models import OfferPage
from stories.models import StoryFeaturedShop

DAYS = 90
SEED = 20260301
# Monday to Sunday: shops are busiest on Saturday, many close on Sunday.
WEEKDAY_FACTOR = [0.8, 0.9, 0.9, 1.0, 1.2, 1.6, 0.5]
# Of the people who look at a shop's page, how many then ask for each intent.
INTENT_RATES = {
    EventKind.DIRECTIONS: 0.09,
    EventKind.CALL: 0.04,
    EventKind.EMAIL: 0.01,
    EventKind.WEBSITE: 0.05,
    EventKind.ONLINE_SHOP: 0.02,
    EventKind.BOOKING: 0.02,
}
INTENT_FIELDS = {
    EventKind.CALL: "phone",
    EventKind.EMAIL: "email",
    EventKind.WEBSITE: "website",
    EventKind.ONLINE_SHOP: "online_shop_url",
    EventKind.BOOKING: "booking_url",
}
SEARCHES_FOUND = [
    "boulangerie", "pain", "fleuriste", "boucherie", "librairie", "fromage", "opticien",
    "cafe", "chocolat", "velo", "coiffeur", "epicerie", "bio", "cadeau", "livres",
]  # fmt: skip
SEARCHES_NOT_FOUND = ["cordonnier", "poissonnerie", "bricolage", "laverie", "vegan"]


def _draw(rng, mean):
    """A whole number of events around `mean` (never negative)."""
    if mean <= 0:
        return 0
    return max(0, round(rng.gauss(mean, mean**0.5)))


def seed_counts(report, today=None):
    if DailyCount.objects.exists():
        return
    today = today or clock.today()
    rng = random.Random(SEED)
    days = [today - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]
    counts = {}

    def add(day, page_id, kind, amount, source=NO_SOURCE):
        if amount > 0:
            key = (day, page_id, kind, source)
            counts[key] = counts.get(key, 0) + amount

    # Generated shops ("Commerce 00001", for measuring) are left without counts.
    shops = list(
        ShopPage.objects.live()
        .exclude(slug__startswith="commerce-")
        .order_by("path")
        .values("pk", "path", "phone", "email", "website", "online_shop_url", "booking_url")
    )
    popularity = {shop["pk"]: rng.uniform(2, 25) for shop in shops}
    for shop in shops:
        kinds = [EventKind.DIRECTIONS] + [
            kind for kind, name in INTENT_FIELDS.items() if shop[name]
        ]
        for index, day in enumerate(days):
            # Slowly growing: the site gets known.
            mean = popularity[shop["pk"]] * WEEKDAY_FACTOR[day.weekday()] * (0.7 + index / DAYS / 2)
            views = _draw(rng, mean)
            add(day, shop["pk"], EventKind.VIEW, views)
            for kind in kinds:
                add(day, shop["pk"], kind, _draw(rng, views * INTENT_RATES[kind]))

    shop_by_path = {shop["path"]: shop["pk"] for shop in shops}
    offers = OfferPage.objects.live().values("pk", "path", "start_date", "end_date")
    for offer in offers:
        shop_id = shop_by_path.get(tree.parent_path(offer["path"]))
        if shop_id is None:
            continue
        for day in days:
            if offer["start_date"] <= day <= offer["end_date"]:
                views = _draw(rng, 6 * WEEKDAY_FACTOR[day.weekday()])
                add(day, offer["pk"], EventKind.VIEW, views)
                # Some readers go on to the shop, and some of them on their way there.
                visits = _draw(rng, views * 0.3)
                add(day, shop_id, EventKind.VIEW, visits, offer["pk"])
                add(day, shop_id, EventKind.DIRECTIONS, _draw(rng, visits * 0.3), offer["pk"])

    _seed_stories(rng, days, shops, add)

    directory = DirectoryPage.objects.live().first()
    if directory is not None:
        for day in days:
            add(day, directory.pk, EventKind.VIEW, _draw(rng, 40 * WEEKDAY_FACTOR[day.weekday()]))

    _insert(
        DailyCount,
        ["day", "page_id", "kind", "source_page_id", "count"],
        [
            (day, page_id, kind, source, count)
            for (day, page_id, kind, source), count in counts.items()
        ],
    )
    searches = []
    for day in days:
        for query in SEARCHES_FOUND:
            if amount := _draw(rng, 1.5 * WEEKDAY_FACTOR[day.weekday()]):
                searches.append((day, query, True, amount))
        for query in SEARCHES_NOT_FOUND:
            if amount := _draw(rng, 0.6):
                searches.append((day, query, False, amount))
    _insert(DailySearch, ["day", "query", "found", "count"], searches)
    report.add(f"{DAYS} jours de fréquentation")


def _insert(model, columns, rows):
    """INSERT plain rows (the day first) with one executemany: the ORM's bulk_create
    builds a model instance and its SQL per row, which takes seconds for the demo's
    15,000 rows; this takes a fraction of that."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    adapt = connection.ops.adapt_datefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
            [(adapt(row[0]), *row[1:]) for row in rows],
        )


def _seed_stories(rng, days, shops, add):
    """Stories and campaigns: their views, and the shops they lead readers to (a
    story's featured shops when it has them, otherwise a few shops of the directory)."""
    types = [pk for pk in content_type_ids(STORY, CAMPAIGN).values() if pk is not None]
    if not types or not shops:
        return
    # The demo's stories are all published on the day it runs: give them a history anyway.
    pages = Page.objects.live().filter(content_type_id__in=types).values("pk")
    featured = _featured_shops()
    for page in pages:
        led_to = featured.get(page["pk"]) or [
            shop["pk"] for shop in rng.sample(shops, min(3, len(shops)))
        ]
        for day in days:
            views = _draw(rng, 15 * WEEKDAY_FACTOR[day.weekday()])
            add(day, page["pk"], EventKind.VIEW, views)
            for shop_id in led_to:
                visits = _draw(rng, views * 0.15)
                add(day, shop_id, EventKind.VIEW, visits, page["pk"])
                add(day, shop_id, EventKind.DIRECTIONS, _draw(rng, visits * 0.35), page["pk"])


def _featured_shops():
    featured = {}
    for story_id, shop_id in StoryFeaturedShop.objects.values_list("story_id", "shop_id"):
        featured.setdefault(story_id, []).append(shop_id)
    return featured
