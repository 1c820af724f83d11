"""What a campaign page shows: its stories, the shops they feature (the campaign's
shops, found through the same reference index as the shop pages' "Ils en parlent"),
their current offers and a map."""

from django.db.models import Q, prefetch_related_objects

from core.clock import today
from directory.models import ShopPage
from offers.feed import ORDERING as OFFER_ORDERING
from offers.feed import offer_cards, visible_offers
from stories.display import map_points
from stories.featuring import public_stories, shops_featured_in
from stories.shops import live_shops, visit_card

CAMPAIGN_OFFERS_COUNT = 12


def campaign_page_context(campaign, request, now):
    day = today(now)
    # A campaign previewed before its first save has no stories yet.
    stories = public_stories().filter(campaign=campaign) if campaign.pk else public_stories().none()
    story_list = list(stories.select_related("hero_image", "campaign"))
    shops = sorted(live_shops(Q(shops_featured_in(stories)), day), key=lambda shop: shop.title)
    cards = [visit_card(shop, now) for shop in shops]
    offers = (
        visible_offers(day, ShopPage.objects.filter(pk__in=[shop.pk for shop in shops]))
        .select_related("image")
        .order_by(*OFFER_ORDERING)[:CAMPAIGN_OFFERS_COUNT]
    )
    offers = offer_cards(offers, day) if shops else []
    partners = list(campaign.partners.select_related("logo"))
    images = [story.hero_image for story in story_list if story.hero_image]
    images += [card.image for card in cards if card.image is not None]
    images += [card.offer.image for card in offers if card.offer.image is not None]
    images += [partner.logo for partner in partners if partner.logo]
    prefetch_related_objects(images, "renditions")
    return {
        "page_url": campaign.get_full_url(request),
        "campaign_stories": story_list,
        "shop_cards": cards,
        "offers": offers,
        "partners": partners,
        "map_points": map_points(cards),
    }
