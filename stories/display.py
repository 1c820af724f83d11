"""What a story page shows, computed from a story and a moment: its shops as they are now
(in its body's shop cards and in "Rendez-leur visite"), its pictures, its metadata.

The number of queries does not grow with the story: the shops of the featured list and
of every shop card come in one query (with their hours and photos in three more), and
the renditions of every picture on the page in one."""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery, prefetch_related_objects

from core.clock import today
from core.images import responsive_image
from core.structured_data import json_ld_script
from home.models import SiteSettings
from stories.shops import live_shops, visit_card
from stories.structured_data import story_json_ld

# The widths a story's main picture is offered in; the browser picks one with `sizes`.
HERO_WIDTHS = (480, 800, 1200)
# OpenGraph's and Twitter's large card: 1.91:1.
SHARE_FILTER = "fill-1200x630|format-jpeg"


@dataclass(frozen=True)
class MapPoint:
    """A featured shop on the story's map (the list beside it says the same)."""

    name: str
    url: str
    latitude: float
    longitude: float


def body_shop_values(story):
    """The shop-card values of the story's body. Reading the body fetches each block
    type's pages and images once (Wagtail's bulk loading per block type)."""
    return [block.value for block in story.body if block.block_type == "shop_card"]


def body_images(story):
    """Every image of the body's blocks (image, gallery, testimonial, video poster)."""
    images = []
    for block in story.body:
        value = block.value
        if block.block_type == "image":
            images.append(value.get("image"))
        elif block.block_type == "gallery":
            images.extend(item.get("image") for item in value.get("images") or [])
        elif block.block_type == "testimonial":
            images.append(value.get("photo"))
        elif block.block_type == "video":
            images.append(value.get("poster"))
    return [image for image in images if image is not None]


def story_shops(story, body_shop_ids, day, *, preview=False):
    """The story's live shops, featured or in shop cards, in one query; the featured
    ones in their order, as (featured, {shop id: shop}). A preview reads the editor's
    unsaved featured shops from the page itself."""
    if preview or story.pk is None:
        featured_ids = [row.shop_id for row in story.featured_shops.all() if row.shop_id]
        shops = live_shops(Q(pk__in={*featured_ids, *body_shop_ids}), day)
        by_id = {shop.pk: shop for shop in shops}
        return [by_id[pk] for pk in dict.fromkeys(featured_ids) if pk in by_id], by_id
    from stories.models import StoryFeaturedShop

    rows = StoryFeaturedShop.objects.filter(story=story)
    row = rows.filter(shop=OuterRef("pk")).order_by("sort_order", "pk")
    shops = live_shops(
        Q(pk__in=rows.values("shop_id")) | Q(pk__in=set(body_shop_ids)),
        day,
        featured_row=Subquery(row.values("pk")[:1]),
        featured_order=Subquery(row.values("sort_order")[:1]),
    )
    # In the editor's order (rows saved outside the editor may have no sort_order).
    featured = sorted(
        (shop for shop in shops if shop.featured_row is not None),
        key=lambda shop: (shop.featured_order is None, shop.featured_order or 0, shop.featured_row),
    )
    return featured, {shop.pk: shop for shop in shops}


def map_points(cards):
    return [
        MapPoint(card.shop.title, card.shop.url, card.shop.latitude, card.shop.longitude)
        for card in cards
        if card.shop.location is not None
    ]


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

    images = [card.image for card in cards.values() if card.image is not None]
    images += body_images(story)
    if story.hero_image is not None:
        images.append(story.hero_image)
    prefetch_related_objects(images, "renditions")

    page_url = story.get_full_url(request)
    hero = share = None
    share_url = ""
    if story.hero_image is not None:
        hero = responsive_image(
            story.hero_image, story.hero_image.description or "", widths=HERO_WIDTHS
        )
        share = story.hero_image.get_rendition(SHARE_FILTER)
        share_url = request.build_absolute_uri(share.url)
    settings = SiteSettings.for_request(request)
    structured_data = story_json_ld(
        story,
        page_url=page_url,
        image_url=share_url,
        publisher_name=settings.city_name,
        publisher_url=request.build_absolute_uri("/"),
        about=[f"{card.shop.get_full_url(request)}#commerce" for card in featured_cards],
    )
    return {
        "page_url": page_url,
        "hero": hero,
        "og_image": share,
        "og_image_url": share_url,
        "featured_cards": featured_cards,
        "map_points": map_points(featured_cards),
        "structured_data": json_ld_script(structured_data),
    }
