"""What the directory's pages show: each page's template context, assembled from the
plain functions of the directory's modules (and the panels the apps above provide,
directory.extension_points), so that the page models' `get_context` only calls here."""

from datetime import timedelta
from urllib.parse import urlencode

from core import clock
from core import page_meta as meta_of
from core.caching import STALE_AFTER
from core.site_url import absolute_url
from core.structured_data import json_ld_script
from directory.choices import directory_choices
from directory.extension_points import shop_page_panels
from directory.filter_chips import filter_chips
from directory.geo import directions_url
from directory.hours import has_hours, prefetch_hours, status_line
from directory.operations import badges_of_shop
from directory.search import Sort, parse_query, search
from directory.shop_details import (
    breadcrumb,
    load_shop_and_nearby,
    nearby_shops,
    nearest_public_shops,
    photos_of,
    share_image,
    tel_href,
)
from directory.shop_hours import (
    holiday_hours_text,
    upcoming_special_hours,
    week_table,
)
from directory.structured_data import shop_json_ld


def directory_page_context(directory_page, request, now):
    """What the directory page `directory_page` shows for the query in `request`."""
    query = parse_query(request.GET, now)
    result = search(query, now)
    choices = directory_choices()
    return {
        "query": query,
        "meta": meta_of.for_listing(meta_of.for_page(directory_page, request), request.GET),
        "result": result,
        "categories": _with_counts(choices.categories, result.category_counts),
        "districts": _with_counts(choices.districts, result.district_counts),
        "services": choices.services,
        "selected_services": {service.pk for service in query.services},
        "filter_chips": filter_chips(request.GET, query, request.path),
        "sort_choices": Sort.CHOICES,
        # How long a card's HTML is kept (the page's template), as its rows are.
        "cards_kept_for": STALE_AFTER,
        "query_string": request.GET.urlencode(),
        "page_query": query_without_page(request.GET),
    }


def _with_counts(objects, counts):
    return [(item, counts.get(item.pk, 0)) for item in objects]


def query_without_page(params):
    """The query string without `page`, for pagination links."""
    return urlencode([(key, value) for key, value in params.lists() if key != "page"], doseq=True)


def shop_page_context(shop, request, now, *, preview=False):
    """Everything the shop page template shows, for `shop` seen at `now`. A preview
    shows the editor's unsaved hours and photos, which loading from the database would
    replace, so only the nearby shops are loaded then."""
    today = clock.today(now)
    panels = shop_page_panels(shop, request, today, preview=preview)
    if preview:
        nearby = nearest_public_shops(shop)
        prefetch_hours(nearby, joined_from=today - timedelta(days=7))
    else:
        nearby = load_shop_and_nearby(shop)
    page_url = shop.get_full_url(request)
    og_image = share_image(shop)
    og_image_url = absolute_url(og_image.url) if og_image else ""
    trail = breadcrumb(shop, request)
    structured_data = shop_json_ld(
        shop,
        page_url=page_url,
        today=today,
        image_urls=[og_image_url] if og_image_url else [],
        breadcrumb=[(crumb.title, crumb.full_url) for crumb in trail],
        extra={
            key: value
            for place in panels.values()
            for panel in place
            for key, value in panel.structured_data.items()
        },
    )
    return {
        "status": status_line(shop, now),
        "operation_badges": badges_of_shop(shop.pk, today) if shop.pk else (),
        "has_hours": has_hours(shop),
        "week": week_table(shop, today),
        "holiday_hours": holiday_hours_text(shop),
        "special_periods": upcoming_special_hours(shop, today),
        "directions_url": directions_url(shop.location) if shop.location else "",
        "tel_href": tel_href(shop.phone),
        "nearby": nearby_shops(nearby, now),
        "breadcrumb": trail,
        "meta": meta_of.for_page(
            shop,
            request,
            description=meta_of.plain_description(shop.meta_description),
            image=meta_of.ShareImage(og_image_url, og_image.width, og_image.height)
            if og_image
            else None,
        ),
        "photos": photos_of(shop),
        "structured_data": json_ld_script(structured_data),
        "panels": panels,
    }
