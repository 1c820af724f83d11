"""What the stories' pages show: the index's, a story's and a campaign's template
context, and the panels stories put on the pages below them (the home page's stories,
a shop page's "Ils en parlent": registered in stories.wagtail_hooks). Assembled from
plain functions, so that the page models' `get_context` only calls here.

The number of queries of a story page does not grow with the story: the shops of the
featured list and of every shop card come in one query (with their hours and photos in
three more), and the renditions of the pictures from Wagtail's rendition cache (one
query for those it misses: core.images)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q

from core import front_cache
from core import page_meta as meta_of
from core.clock import today
from core.images import CARD_PICTURE, load_renditions, responsive_image
from core.page_meta import page_or_404
from core.partners import PARTNER_LOGO
from core.structured_data import json_ld_script, page_breadcrumb
from directory.cards import PICTURE_FILTER as CARD_THUMBNAIL
from directory.extension_points import AFTER_PHOTOS, ShopPagePanel
from directory.models import ShopPage
from directory.shop_map import map_points
from home.extension_points import Panel, section_url
from home.models import SiteSettings
from home.structured_data import city_organization
from offers.current import ORDERING as OFFER_ORDERING
from offers.current import current_offers
from offers.feed import offer_cards
from offers.feed import with_card_fields as with_offer_card_fields
from stories.featuring import public_stories, shops_featured_in, stories_featuring
from stories.feed import publication_moment
from stories.listing import (
    PAGE_SIZE,
    campaigns_of,
    home_page_stories,
    index_stories,
    parse_story_query,
    with_card_fields,
    with_renditions,
)
from stories.models import StoriesPage
from stories.shops import live_shops, story_shops, visit_card
from stories.structured_data import story_json_ld

# The widths a story's main picture is offered in; the browser picks one with `sizes`.
HERO_WIDTHS = (480, 800, 1200)
CAMPAIGN_OFFERS_COUNT = 12


def stories_page_context(request, index_page):
    """What the index's template shows for the query in `request`."""
    campaigns = campaigns_of(index_page)
    query = parse_story_query(request.GET, campaigns)
    paginator = Paginator(with_card_fields(index_stories(index_page, query.campaign)), PAGE_SIZE)
    page = page_or_404(paginator, query.page)
    page.object_list = with_renditions(page.object_list)
    params = [("campagne", query.campaign.slug)] if query.campaign else []
    return {
        "query": query,
        "meta": meta_of.for_listing(meta_of.for_page(index_page, request), request.GET),
        "stories": page,
        # The first picture of the list is in the first screen: it is not loaded lazily.
        "eager_story": next((story.pk for story in page.object_list if story.hero_image_id), None),
        "campaigns": campaigns,
        # The filter's drop-down, as (value, text) pairs (components/filter_select.html).
        "campaign_options": [(campaign.slug, campaign.title) for campaign in campaigns],
        "page_query": urlencode(params),
        "feed_url": index_page.get_url(request)
        + index_page.reverse_subpage("feed")
        + (f"?{urlencode(params)}" if params else ""),
    }


def body_shop_values(story):
    """The shop-card values of the story's body. Reading the body fetches each block
    type's pages and images once (Wagtail's bulk loading per block type)."""
    return [block.value for block in story.body if block.block_type == "shop_card"]


def story_page_context(story, request, now, *, preview=False):
    """Everything the story page's template shows of `story`, seen at `now`."""
    day = today(now)
    shop_values = body_shop_values(story)
    body_shop_ids = {value["shop"].pk for value in shop_values if value.get("shop")}
    featured, shops_by_id = story_shops(story, body_shop_ids, day, preview=preview)
    cards = {pk: visit_card(shop, now) for pk, shop in shops_by_id.items()}
    for value in shop_values:
        # The cards are loaded here for the whole page; a block alone loads its own.
        value.card = cards.get(value["shop"].pk) if value.get("shop") else None
    featured_cards = [cards[shop.pk] for shop in featured]

    load_renditions((card.image for card in cards.values()), CARD_THUMBNAIL)

    page_url = story.get_full_url(request)
    hero = share = None
    if story.hero_image is not None:
        alt = story.hero_image.description or ""
        hero = responsive_image(story.hero_image, alt, widths=HERO_WIDTHS)
        share = meta_of.share_image(story.hero_image, alt)
    published_at = publication_moment(story)
    structured_data = story_json_ld(
        story,
        page_url=page_url,
        image_url=share.url if share else "",
        city=city_organization(SiteSettings.for_request(request)),
        published_at=published_at,
        breadcrumb=page_breadcrumb(story, request),
        about=[f"{card.shop.get_full_url(request)}#commerce" for card in featured_cards],
    )
    return {
        "page_url": page_url,
        "meta": meta_of.for_page(
            story,
            request,
            description=meta_of.plain_description(story.meta_description),
            og_type="article",
            image=share,
        ),
        "published_at": published_at,
        "hero": hero,
        "featured_cards": featured_cards,
        "map_points": map_points(featured_cards),
        "structured_data": json_ld_script(structured_data),
    }


def campaign_page_context(campaign, request, now):
    day = today(now)
    # A campaign previewed before its first save has no stories yet.
    stories = public_stories().filter(campaign=campaign) if campaign.pk else public_stories().none()
    story_list = list(stories.select_related("hero_image", "campaign"))
    front_cache.shows(front_cache.STORIES, *(front_cache.page_key(story) for story in story_list))
    shops = sorted(live_shops(Q(shops_featured_in(stories)), day), key=lambda shop: shop.title)
    cards = [visit_card(shop, now) for shop in shops]
    offers = with_offer_card_fields(
        current_offers(day, ShopPage.objects.filter(pk__in=[shop.pk for shop in shops]))
    ).order_by(*OFFER_ORDERING)[:CAMPAIGN_OFFERS_COUNT]
    offers = offer_cards(offers, day) if shops else []
    partners = list(campaign.partners.select_related("logo"))
    load_renditions((story.hero_image for story in story_list), CARD_PICTURE)
    load_renditions((card.image for card in cards), CARD_THUMBNAIL)
    load_renditions((partner.logo for partner in partners), PARTNER_LOGO)
    return {
        "page_url": campaign.get_full_url(request),
        "meta": meta_of.for_page(campaign, request, image=campaign_share_image(story_list)),
        "structured_data": json_ld_script(
            {"@context": "https://schema.org", **page_breadcrumb(campaign, request)}
        ),
        "campaign_stories": story_list,
        "shop_cards": cards,
        "offers": offers,
        "partners": partners,
        "map_points": map_points(cards),
    }


def campaign_share_image(stories):
    """A campaign's link preview shows its newest story's picture (campaigns have none
    of their own)."""
    image = next((story.hero_image for story in stories if story.hero_image), None)
    return meta_of.share_image(image, image.description or "") if image else None


def home_page_panel(request, page, sections):
    """The home page's stories: those staff pinned, then the newest, and a link to the
    index (home.extension_points.HOME_PAGE_PANELS)."""
    return Panel(
        "stories/components/home_stories.html",
        {
            "stories": home_page_stories(),
            "stories_url": section_url(sections, StoriesPage, request),
        },
    )


def shop_page_panel(shop, request, today, *, preview=False):
    """A shop page's "Ils en parlent": the live, public stories that feature the shop
    (directory.extension_points.SHOP_PAGE_PANELS)."""
    return ShopPagePanel(
        "stories/components/featured_in.html",
        {"featured_in": stories_featuring(shop)},
        place=AFTER_PHOTOS,
    )
