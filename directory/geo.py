"""Distances between shops and residents, in Python and in SQL.

The directory sorts and filters by distance in SQL (haversine on a sphere, with
Django's math functions, so it works on SQLite and PostgreSQL alike); for a city the
error against the ellipsoid is well under 1 %.
"""

import math

from django.conf import settings
from django.db.models import ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.utils.formats import number_format
from django.utils.translation import gettext as _

EARTH_RADIUS_M = 6_371_008.8  # mean radius


def parse_point(text):
    """(lat, lon) from "50.4669,4.8675", or None for anything else (never raises)."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    parts = text.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = (float(part) for part in parts)
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (lat, lon)


def distance_m(origin, destination):
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1 = map(math.radians, origin)
    lat2, lon2 = map(math.radians, destination)
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, a)))


def distance_expression(origin, latitude="latitude", longitude="longitude"):
    """SQL for the distance in metres from `origin` to each row's coordinates."""
    lat, lon = origin
    half_dlat = Radians(F(latitude) - Value(lat)) / Value(2.0)
    half_dlon = Radians(F(longitude) - Value(lon)) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Cos(Radians(F(latitude))) * Value(
        math.cos(math.radians(lat))
    ) * Power(Sin(half_dlon), 2)
    return ExpressionWrapper(Value(2 * EARTH_RADIUS_M) * ASin(Sqrt(a)), output_field=FloatField())


def format_distance(metres):
    """ "80 m", "350 m", "1,2 km", "12 km": what a resident reads on a card."""
    if metres is None:
        return ""
    if metres < 1000:
        return _("%(distance)s m") % {"distance": max(10, round(metres / 10) * 10)}
    kilometres = metres / 1000
    digits = 1 if kilometres < 10 else 0
    return _("%(distance)s km") % {
        "distance": number_format(round(kilometres, digits), decimal_pos=digits)
    }


def directions_url(point):
    """Directions to `point` (lat, lon) in the map service set by DIRECTIONS_URL
    (OpenStreetMap by default); the visitor's phone or browser picks the start."""
    lat, lon = point
    return settings.DIRECTIONS_URL.format(lat=f"{lat:.6f}", lon=f"{lon:.6f}")


def proximity_expression(origin, latitude="latitude", longitude="longitude"):
    """A cheap stand-in for the distance, for ordering only: the squared equirectangular
    distance, plain arithmetic that the database evaluates natively (SQLite runs the
    trigonometric functions of distance_expression() as Python callbacks, one per row).
    Over a town it orders shops as the true distance does."""
    lat, lon = origin
    dlat = F(latitude) - Value(lat)
    dlon = (F(longitude) - Value(lon)) * Value(math.cos(math.radians(lat)))
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())


def bounding_box_q(point, km):
    """A Q for rows inside the lat/lon box of half-width `km` around `point`: plain
    comparisons, checked before the exact distance so that it is computed for few rows."""
    lat, lon = point
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.01, math.cos(math.radians(lat))))
    return Q(
        latitude__gte=lat - dlat,
        latitude__lte=lat + dlat,
        longitude__gte=lon - dlon,
        longitude__lte=lon + dlon,
    )


def nearest_shops(shop, count=5):
    """The `count` live, public shops closest to `shop`, each with a `distance` (metres),
    in one query: the nearest are picked by proximity_expression(), and only those get
    the exact distance."""
    from core.visibility import public_paths_q
    from directory.models import ShopPage

    if shop.location is None:
        return []
    nearest_ids = (
        ShopPage.objects.live()
        .filter(public_paths_q(), latitude__isnull=False, longitude__isnull=False)
        .exclude(pk=shop.pk)
        .annotate(proximity=proximity_expression(shop.location))
        .order_by("proximity", "title")
        .values("pk")[:count]
    )
    return list(
        ShopPage.objects.filter(pk__in=nearest_ids)
        .annotate(distance=distance_expression(shop.location))
        .select_related("category", "district")
        .order_by("distance", "title")
    )
