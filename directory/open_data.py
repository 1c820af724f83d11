"""Open data: every live public shop as CSV (the import/export format, plus each shop's
page as `url`) and as GeoJSON (the map's feature properties and more), under the
licence set in the site settings.

Both ignore the query string and set no cookie, so they can be cached and linked to.
"""

import json

from django.http import HttpResponse

from directory.geojson import feature_collection, shop_feature
from directory.shop_csv import (
    exported_shops,
    opening_hours_text,
    service_names,
    tag_names,
    write_csv,
)
from home.models import SiteSettings


def open_shops():
    return exported_shops().public()


def csv_response(request, directory):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="commerces.csv"'
    directory_url = directory.get_full_url(request)
    write_csv(open_shops(), response, page_url=lambda shop: f"{directory_url}{shop.slug}/")
    return response


def open_data_feature(shop, url):
    """The map's feature for `shop` plus everything a reuser of the data needs."""
    return shop_feature(
        shop,
        url,
        reference=shop.reference or shop.slug,
        address=shop.street,
        postcode=shop.postcode,
        locality=shop.locality,
        phone=shop.phone,
        email=shop.email,
        website=shop.website,
        online_shop_url=shop.online_shop_url,
        booking_url=shop.booking_url,
        services=service_names(shop),
        tags=tag_names(shop),
        opening_hours=opening_hours_text(shop),
    )


def geojson_response(request, directory):
    settings = SiteSettings.for_request(request)
    # Shops are the directory's children: their address is the directory's plus the slug,
    # which saves working out each page's site.
    directory_url = directory.get_full_url(request)
    shops = open_shops().filter(latitude__isnull=False, longitude__isnull=False)
    collection = feature_collection(
        (open_data_feature(shop, f"{directory_url}{shop.slug}/") for shop in shops),
        licence=settings.open_data_licence,
        licence_url=settings.open_data_licence_url,
    )
    return HttpResponse(
        json.dumps(collection, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )
