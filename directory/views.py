"""The directory's Django views (its data files, whose names have dots, which Wagtail's
page routes refuse); the pages' own context is assembled in directory.page_context."""

from django.http import Http404, JsonResponse
from wagtail.models import Site

from core import front_cache
from directory import open_data
from directory.geojson import feature_collection, point_feature
from directory.models import DirectoryPage
from directory.search import parse_query, shops_for_map


def directory_file(request, page_path, filename):
    """Serve one of the directory's data files, or 404 when `page_path` is not a live,
    public directory page of this site."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in page_path.split("/") if component]
    route = site.root_page.localized.specific.route(request, components)  # 404 if none
    page = route.page.specific
    if not isinstance(page, DirectoryPage) or not page.live or page.get_view_restrictions():
        raise Http404
    # Every shop of the directory, as its page lists them (core.front_cache).
    front_cache.shows(front_cache.DIRECTORY, *front_cache.page_keys(page))
    if filename == "carte.geojson":
        return map_geojson(request, page)
    if filename == "donnees.geojson":
        return open_data.geojson_response(request, page)
    return open_data.csv_response(request, page)


def map_geojson(request, page):
    """The shops of the same query as the list, all pages, as GeoJSON for the map."""
    query = parse_query(request.GET)
    # Shops are children of the one directory page, so their URL is its URL + slug.
    features = (
        point_feature(
            row["longitude"],
            row["latitude"],
            name=row["title"],
            url=f"{page.url}{row['slug']}/",
            category=row["category__name"],
            district=row["district__name"],
        )
        for row in shops_for_map(query)
    )
    return JsonResponse(
        feature_collection(features),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )
