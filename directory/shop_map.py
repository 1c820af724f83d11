"""The small map beside a list of shops (a story's, a campaign's, an operation's): each
shop's point, written into the page (components/shops_map.html) for static/js/shops-map.js.
The list says the same, and is what works without JavaScript."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MapPoint:
    """A listed shop on the map."""

    name: str
    url: str
    latitude: float
    longitude: float


def map_points(cards):
    """The points of `cards` (anything with a `shop`) whose shop has a position."""
    return [
        MapPoint(card.shop.title, card.shop.url, card.shop.latitude, card.shop.longitude)
        for card in cards
        if card.shop.location is not None
    ]
