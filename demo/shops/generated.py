"""Generated shops ("Commerce 00001"...) by the thousand, for the benchmark."""

import random

from django.db import transaction
from taggit.models import Tag

from core import search_entries
from demo.shops.content import (
    CATEGORIES,
    CATEGORY_HOURS,
    DISTRICTS,
    LOCALITY,
    PHONE_PREFIX,
    POSTCODE,
    TOWN_CENTRE,
)
from demo.shops.seed import ensure_reference_data, scattered_point, services_for
from directory.bulk_pages import insert_live_shops
from directory.models import DirectoryPage, OpeningHours, ShopPage, ShopTag

GENERATED_PREFIX = "commerce-"
GENERATED_TAGS = ("artisan", "local", "bio", "seconde main", "fait maison", "nouveau")
# Shops are written and indexed this many at a time, each batch in a transaction of its
# own: big enough to amortise each batch's queries and commit (a tenth less time than
# batches of 500), small enough to keep memory flat at 100,000 shops.
BATCH_SIZE = 2000


def generated_slug(number):
    return f"{GENERATED_PREFIX}{number:05d}"


def generated_shop(number, categories, districts, services, tags):
    """The unsaved "Commerce <number>" page, with its weekly hours, services and a tag."""
    category_index = number % len(CATEGORIES)
    category = CATEGORIES[category_index]
    district = DISTRICTS[(number // len(CATEGORIES)) % len(DISTRICTS)]
    slug = generated_slug(number)
    latitude, longitude = scattered_point(TOWN_CENTRE, slug, radius_km=2.0)
    rng = random.Random(slug)
    street = district.streets[rng.randrange(len(district.streets))]
    short = f"{category.name} du quartier {district.name}."
    tag = tags[GENERATED_TAGS[number % len(GENERATED_TAGS)]]
    return ShopPage(
        title=f"Commerce {number:05d}",
        slug=slug,
        short_description=short,
        description=f"<p>{short}</p><p>{category.about}</p>",
        category=categories[category.slug],
        district=districts[district.slug],
        street=f"{street} {1 + rng.randrange(200)}",
        postcode=POSTCODE,
        locality=LOCALITY,
        latitude=latitude,
        longitude=longitude,
        phone=f"{PHONE_PREFIX} {number // 100 % 100:02d} {number % 100:02d}",
        website=f"https://{slug}.example/",
        reference=f"bench-{number:05d}",
        opening_hours=[
            OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
            for order, (day, opens, closes) in enumerate(CATEGORY_HOURS[category.slug])
        ],
        services=[services[s] for s in services_for(category_index, number % 6, district.slug)],
        tagged_items=[ShopTag(tag=tag)],
        # One shop in ten keeps its usual hours on public holidays; the others close.
        public_holidays="usual" if number % 10 == 0 else "closed",
    )


def add_generated_shops(count, report):
    """Make sure the generated shops "Commerce 00001" to "Commerce <count>" exist under
    the directory; returns how many were created. Each batch commits on its own."""
    directory = DirectoryPage.objects.first()
    if directory is None or count <= 0:
        return 0
    categories, districts, services = ensure_reference_data(report)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in GENERATED_TAGS}
    existing = set(
        directory.get_children()
        .filter(slug__startswith=GENERATED_PREFIX)
        .values_list("slug", flat=True)
    )
    missing = [n for n in range(1, count + 1) if generated_slug(n) not in existing]
    # The search index's title norms are set once at the end, not at each batch.
    with search_entries.title_norms_deferred():
        for start in range(0, len(missing), BATCH_SIZE):
            with transaction.atomic():
                pages = [
                    generated_shop(number, categories, districts, services, tags)
                    for number in missing[start : start + BATCH_SIZE]
                ]
                insert_live_shops(directory, pages)
    if missing:
        report.add(f"{len(missing)} commerces générés")
    return len(missing)
