"""The demo's shops, created under /commerces/ when missing, and the reference data
(categories, districts, services) they and the generated shops share."""

import math
import random
from datetime import timedelta

from django.utils.text import slugify
from taggit.models import Tag

from core.clock import today
from demo.images import demo_image
from demo.shops.addresses import address_point
from demo.shops.content import (
    CATEGORIES,
    CATEGORY_HOURS,
    DISTRICTS,
    KM_PER_DEGREE,
    LOCALITY,
    PHONE_PREFIX,
    POSTCODE,
    SERVICES,
    SHOP_HOURS,
    SHOPS,
    TAG_SEARCH_TERMS,
    holiday_rule_for,
    special_hours_for,
)
from demo.shops.pictures import draw_category_logo, draw_shopfront
from directory.bulk_pages import insert_live_shops
from directory.models import (
    Category,
    DirectoryPage,
    District,
    OpeningHours,
    Service,
    ShopPage,
    ShopPhoto,
    TagSearchTerms,
    Weekday,
)

# --- Reference data ----------------------------------------------------------------


def ensure_reference_data(report):
    """Categories, districts and services by slug, the words residents use for them and
    for some tags; an existing row is left as edited."""
    categories = {}
    for category in CATEGORIES:
        categories[category.slug], created = Category.objects.get_or_create(
            slug=category.slug,
            defaults={
                "name": category.name,
                "schema_type": category.schema_type,
                "search_terms": category.search_terms,
            },
        )
        if created:
            report.add(f"catégorie « {category.name} »")
    districts = {}
    for district in DISTRICTS:
        districts[district.slug], created = District.objects.get_or_create(
            slug=district.slug,
            defaults={
                "name": district.name,
                "latitude": district.latitude,
                "longitude": district.longitude,
            },
        )
        if created:
            report.add(f"quartier « {district.name} »")
    services = {}
    for slug, name, search_terms in SERVICES:
        services[slug], created = Service.objects.get_or_create(
            slug=slug, defaults={"name": name, "search_terms": search_terms}
        )
        if created:
            report.add(f"service « {name} »")
    ensure_tag_search_terms(report)
    return categories, districts, services


def ensure_tag_search_terms(report):
    """The words residents use for some of the shops' tags (the tags made if missing,
    before the shops that carry them)."""
    for name, search_terms in TAG_SEARCH_TERMS.items():
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        _terms, created = TagSearchTerms.objects.get_or_create(
            tag=tag, defaults={"search_terms": search_terms}
        )
        if created:
            report.add(f"synonymes du mot-clé « {name} »")


def scattered_point(centre, seed, radius_km):
    """A point within `radius_km` of `centre`, always the same for the same seed."""
    rng = random.Random(seed)
    # sqrt spreads points evenly over the disc rather than bunching them at its centre.
    distance = radius_km * rng.random() ** 0.5
    bearing = 2 * math.pi * rng.random()
    north_km = distance * math.cos(bearing)
    east_km = distance * math.sin(bearing)
    latitude = centre[0] + north_km / KM_PER_DEGREE
    longitude = centre[1] + east_km / (KM_PER_DEGREE * math.cos(math.radians(centre[0])))
    return round(latitude, 6), round(longitude, 6)


def phone_number(category_index, shop_index):
    return f"{PHONE_PREFIX} {10 + category_index:02d} {11 * (shop_index + 1):02d}"


def services_for(category_index, shop_index, district_slug):
    """A deterministic mix: most take cards, half have step-free access... (The city's
    chèques commerce are an operation now: demo.operations.)"""
    slugs = []
    number = category_index * 6 + shop_index
    if number % 7 != 3:
        slugs.append("paiement-carte")
    if number % 2 == 0:
        slugs.append("acces-pmr")
    if category_index in (1, 2, 3, 7) and shop_index % 2 == 0:
        slugs.append("livraison")
    if category_index in (0, 3, 5, 7) and shop_index % 3 != 1:
        slugs.append("click-collect")
    if district_slug in ("gare", "haut-vilveze", "champ-fleuri"):
        slugs.append("parking")
    # Every shop says something of its services (the chèques commerce used to be that).
    return slugs or ["paiement-carte"]


# --- The demo shops ----------------------------------------------------------------


def demo_shop_pages(categories, districts, services, images, today):
    """The unsaved ShopPages of the demo, each with its hours, photos, services and tags
    in memory, in a fixed order."""
    pages = []
    for category_index, category in enumerate(CATEGORIES):
        for shop_index, (name, district_slug, short, tags) in enumerate(SHOPS[category.slug]):
            slug = slugify(name)
            district = next(d for d in DISTRICTS if d.slug == district_slug)
            street_index = shop_index % len(district.streets)
            street = district.streets[street_index]
            number = 1 + random.Random(f"{slug}-number").randrange(120)
            # Where the demo's address register puts the address (demo.shops.addresses).
            latitude, longitude = address_point(district, street_index, number)
            holiday_rule, holiday_ranges = holiday_rule_for(name, category.slug)
            hours = [
                *SHOP_HOURS.get(name, CATEGORY_HOURS[category.slug]),
                *((Weekday.PUBLIC_HOLIDAY, opens, closes) for opens, closes in holiday_ranges),
            ]
            logo, photo = images[category.slug]
            page = ShopPage(
                title=name,
                slug=slug,
                short_description=short,
                description=f"<p>{short}</p><p>{category.about}</p>",
                category=categories[category.slug],
                district=districts[district_slug],
                street=f"{street} {number}",
                postcode=POSTCODE,
                locality=LOCALITY,
                latitude=latitude,
                longitude=longitude,
                phone=phone_number(category_index, shop_index),
                reference=f"demo-{category_index * 6 + shop_index + 1:03d}",
                logo=logo if shop_index in (0, 2, 4) else None,
                opening_hours=[
                    OpeningHours(weekday=day, opens=opens, closes=closes, sort_order=order)
                    for order, (day, opens, closes) in enumerate(hours)
                ],
                public_holidays=holiday_rule,
                special_hours=special_hours_for(name, category.slug, district_slug, today),
                photos=(
                    [ShopPhoto(image=photo, alt_text=f"La devanture de {name}")]
                    if shop_index in (0, 1, 3)
                    else []
                ),
                services=[
                    services[s] for s in services_for(category_index, shop_index, district_slug)
                ],
            )
            if shop_index != 5:
                page.website = f"https://{slug}.example/"
            if shop_index % 2 == 0:
                page.email = f"bonjour@{slug}.example"
            if category.slug in ("librairie", "vetements", "epicerie") and shop_index < 2:
                page.online_shop_url = f"https://{slug}.example/boutique/"
            if category.slug in ("coiffure", "optique", "velos") and shop_index < 4:
                page.booking_url = f"https://{slug}.example/rendez-vous/"
            if category.slug in ("cafe", "fleuriste", "vetements"):
                page.facebook_url = f"https://facebook.example/{slug}"
                page.instagram_url = f"https://instagram.example/{slug}"
            if (category_index + shop_index) % 3 == 0:
                page.hours_confirmed_on = today - timedelta(days=3 + 5 * shop_index)
            page.tags.set(list(tags))
            pages.append(page)
    return pages


def seed_shops(report):
    """The demo's shops under /commerces/; creates only those whose slug is missing."""
    directory = DirectoryPage.objects.first()
    if directory is None:
        return
    categories, districts, services = ensure_reference_data(report)
    existing = set(directory.get_children().values_list("slug", flat=True))
    if all(slugify(name) in existing for shops in SHOPS.values() for name, *_ in shops):
        return
    images = {
        category.slug: (
            demo_image(f"Logo {category.name}", draw_category_logo(category), "", report),
            demo_image(
                f"Devanture {category.name}",
                draw_shopfront(category),
                f"Une devanture de {category.name.lower()}",
                report,
            ),
        )
        for category in CATEGORIES
    }
    pages = [
        page
        for page in demo_shop_pages(categories, districts, services, images, today())
        if page.slug not in existing
    ]
    # Sixty add_child + publish round trips take seconds, and every test that uses the
    # demo pays them: the shops are written in bulk, with a first revision each so that
    # their history in the admin starts like any published page's.
    insert_live_shops(directory, pages, with_revisions=True)
    for page in pages:
        report.add(f"commerce « {page.title} »")
