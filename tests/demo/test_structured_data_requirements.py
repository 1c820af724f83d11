"""The demo's JSON-LD against Google's documented requirements for each rich result
(developers.google.com/search/docs/appearance/structured-data, as of November 2026):
every node of a type Google reads has its required properties, and the recommended ones
Vitrine can give. What Google recommends and Vitrine does not give is listed with the
reason (`NOT_GIVEN`), so that a change in what we give shows here."""

import re
from datetime import datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from directory.models import OperationPage, SchemaType, ShopPage
from offers.models import OfferKind, OfferPage
from stories.models import CampaignPage, StoryPage
from tests.head import json_ld_nodes, read_head

pytestmark = pytest.mark.django_db

# Google's property lists, per rich result: "required" (without them, no rich result)
# and "recommended". A dotted name is a property of a property's value.
GOOGLE = {
    # structured-data/local-business
    "LocalBusiness": {
        "required": ["name", "address"],
        "recommended": [
            "aggregateRating",
            "department",
            "geo",
            "geo.latitude",
            "geo.longitude",
            "menu",
            "openingHoursSpecification",
            "priceRange",
            "review",
            "servesCuisine",
            "telephone",
            "url",
            "address.streetAddress",
            "address.addressLocality",
            "address.addressRegion",
            "address.postalCode",
            "address.addressCountry",
        ],
    },
    # structured-data/breadcrumb (each ListItem: item, name, position)
    "BreadcrumbList": {"required": ["itemListElement"], "recommended": []},
    # structured-data/article: no required property
    "Article": {
        "required": [],
        "recommended": [
            "author",
            "author.name",
            "author.url",
            "dateModified",
            "datePublished",
            "headline",
            "image",
        ],
    },
    # structured-data/event
    "Event": {
        "required": ["location", "location.address", "name", "startDate"],
        "recommended": [
            "description",
            "endDate",
            "eventAttendanceMode",
            "eventStatus",
            "image",
            "offers",
            "organizer",
            "organizer.name",
            "organizer.url",
            "performer",
            "previousStartDate",
        ],
    },
    # structured-data/site-names
    "WebSite": {"required": ["name", "url"], "recommended": ["alternateName"]},
    # structured-data/organization: no required property
    "Organization": {
        "required": [],
        "recommended": ["name", "url", "logo", "address", "telephone", "email", "sameAs"],
    },
    # structured-data/product-snippet: name, and one of review, aggregateRating, offers;
    # an Offer of a product needs its price (and currency).
    "Product": {"required": ["name"], "recommended": ["image", "description", "offers"]},
}
# Recommended by Google, not given by Vitrine, and why.
NOT_GIVEN = {
    # No reviews or ratings are collected; departments, menus and cuisines are not
    # recorded; the region is implied by the postcode in Belgium; priceRange only when
    # staff set one (a test of its own below).
    "LocalBusiness": {
        "aggregateRating",
        "department",
        "menu",
        "review",
        "servesCuisine",
        "address.addressRegion",
        "priceRange",
    },
    # An alternate name is not a setting.
    "WebSite": {"alternateName"},
    # Events in shops and the city's days are free and have no performers or earlier
    # dates; an operation has a picture only when staff give it one (the demo's Sunday
    # opening has none).
    "Event": {"offers", "performer", "previousStartDate", "image"},
    "Article": set(),
    # The city's social pages only when staff set them (the demo's city has none).
    "Organization": {"sameAs"},
}
LOCAL_BUSINESS_TYPES = set(SchemaType.values)
ORGANIZATION_TYPES = {"Organization", "GovernmentOrganization"}
E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def rule_of(node):
    kind = node.get("@type")
    if kind in LOCAL_BUSINESS_TYPES and "address" in node:
        return "LocalBusiness"
    if kind in ORGANIZATION_TYPES:
        return "Organization"
    return kind if kind in GOOGLE else None


def value_at(node, dotted):
    value = node
    for name in dotted.split("."):
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict) or value.get(name) in (None, "", [], {}):
            return None
        value = value[name]
    return value


def missing(node, names):
    return [name for name in names if value_at(node, name) is None]


def nodes_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return json_ld_nodes(read_head(response.content.decode()).json_ld)


def merged(nodes):
    """The nodes with those sharing an @id merged into one, as JSON-LD reads them: a
    story's author and publisher are the one city, described once in full."""
    by_id, entities = {}, []
    for node in nodes:
        node_id = node.get("@id")
        if node_id is None:
            entities.append(node)
        elif node_id in by_id:
            by_id[node_id].update({k: v for k, v in node.items() if k not in by_id[node_id]})
        else:
            by_id[node_id] = dict(node)
            entities.append(by_id[node_id])
    return entities


def check_google_requirements(nodes):
    """Every problem of `nodes` with Google's lists, as readable strings."""
    problems = []
    for node in merged(nodes):
        rule = rule_of(node)
        if rule is None:
            continue
        for name in missing(node, GOOGLE[rule]["required"]):
            problems.append(f"{rule} {node.get('@id', '')} lacks required {name}")
        recommended = set(GOOGLE[rule]["recommended"]) - NOT_GIVEN.get(rule, set())
        for name in missing(node, sorted(recommended)):
            problems.append(f"{rule} {node.get('@id', '')} lacks recommended {name}")
        if rule == "BreadcrumbList":
            items = node["itemListElement"]
            assert [item["position"] for item in items] == list(range(1, len(items) + 1))
            for item in items:
                if missing(item, ["name", "item"]):
                    problems.append(f"breadcrumb item {item} lacks name or item")
        if rule == "Product":
            offers = node.get("offers") or {}
            if missing(offers, ["price", "priceCurrency"]):
                problems.append(f"Product {node.get('name')} has no priced offer")
        if node.get("telephone") and not E164.match(node["telephone"]):
            problems.append(f"{rule} telephone {node['telephone']} is not E.164")
    return problems


def demo_urls():
    offers = OfferPage.objects.live()
    return {
        "home": "/",
        "shop": ShopPage.objects.live().get(slug="boulangerie-du-beffroi").url,
        "offer": offers.exclude(kind=OfferKind.EVENT).first().url,
        "event offer": offers.filter(kind=OfferKind.EVENT).first().url,
        "story": StoryPage.objects.live().first().url,
        "campaign": CampaignPage.objects.live().first().url,
        "operation": OperationPage.objects.live().first().url,
    }


def test_every_node_of_the_demo_meets_google_s_requirements(demo_site, client):
    for kind, url in demo_urls().items():
        problems = check_google_requirements(nodes_of(client, url))
        assert problems == [], (kind, url)


def test_offers_stories_campaigns_and_shops_have_a_breadcrumb(demo_site, client):
    for kind in ("shop", "offer", "story", "campaign", "operation"):
        url = demo_urls()[kind]
        breadcrumbs = [n for n in nodes_of(client, url) if n["@type"] == "BreadcrumbList"]
        assert len(breadcrumbs) == 1, kind
        items = breadcrumbs[0]["itemListElement"]
        assert items[0]["item"] == "http://testserver/"
        assert items[-1]["item"] == f"http://testserver{url}"


def test_an_offer_s_seller_is_its_shop_with_address_and_id(demo_site, client):
    url = demo_urls()["offer"]
    offer = next(n for n in nodes_of(client, url) if n["@type"] == "Offer")
    shop_url = url.rsplit("/", 2)[0] + "/"
    seller = offer["seller"]
    assert seller["@id"] == f"http://testserver{shop_url}#commerce"
    assert seller["address"]["streetAddress"]
    assert seller["address"]["postalCode"]
    assert E164.match(seller["telephone"])


def test_the_home_page_has_the_website_with_its_search_and_the_city_with_its_logo(
    demo_site, client
):
    nodes = nodes_of(client, "/")
    website = next(n for n in nodes if n["@type"] == "WebSite")
    city = next(n for n in nodes if n["@type"] == "GovernmentOrganization")
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == "http://testserver/commerces/?q={search_term_string}"
    assert website["potentialAction"]["query-input"] == "required name=search_term_string"
    assert website["publisher"] == {"@id": city["@id"]}
    assert city["name"] == "Vilvèze"
    assert city["logo"]["url"].startswith("http://testserver/")
    assert min(city["logo"]["width"], city["logo"]["height"]) >= 112  # Google's minimum
    stored = city["logo"]["url"].removeprefix(f"http://testserver{settings.MEDIA_URL}")
    assert default_storage.exists(stored)


def test_a_story_is_published_by_the_city_with_its_logo_at_a_moment(demo_site, client):
    article = next(n for n in nodes_of(client, demo_urls()["story"]) if n["@type"] == "Article")
    assert article["publisher"]["logo"]["url"].startswith("http")
    assert article["publisher"]["@id"] == "http://testserver/#ville"
    published = datetime.fromisoformat(article["datePublished"])
    assert published.tzinfo is not None
    assert "T" in article["datePublished"]


def test_the_lists_of_google_s_requirements_catch_a_missing_property():
    shop = {"@type": "Bakery", "name": "Fournil", "address": {"@type": "PostalAddress"}}
    assert "LocalBusiness  lacks recommended geo" in check_google_requirements([shop])
    assert check_google_requirements([{"@type": "Event", "name": "Fête"}])[:2] == [
        "Event  lacks required location",
        "Event  lacks required location.address",
    ]
    product = {"@type": "Product", "name": "Pain", "offers": {"@type": "Offer"}}
    assert "Product Pain has no priced offer" in check_google_requirements([product])
    assert "Organization telephone 071 12 34 56 is not E.164" in check_google_requirements(
        [{"@type": "Organization", "telephone": "071 12 34 56"}]
    )
