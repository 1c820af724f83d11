"""Directory views: thin; they parse the query, call directory.search and render."""

from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.utils import timezone
from wagtail.models import Site

from directory import open_data
from directory.choices import directory_choices
from directory.geojson import feature_collection, point_feature
from directory.models import DirectoryPage
from directory.search import Sort, parse_query, search, shops_for_map


def directory_context(request, page):
    """What the directory page's template shows for the query in `request`."""
    now = timezone.now()
    query = parse_query(request.GET, now)
    result = search(query, now)
    choices = directory_choices()
    return {
        "query": query,
        "result": result,
        "categories": _with_counts(choices.categories, result.category_counts),
        "districts": _with_counts(choices.districts, result.district_counts),
        "services": choices.services,
        "selected_services": {service.pk for service in query.services},
        "sort_choices": Sort.CHOICES,
        "query_string": request.GET.urlencode(),
        "page_query": _without_page(request.GET),
    }


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


def _with_counts(objects, counts):
    return [(item, counts.get(item.pk, 0)) for item in objects]


def _without_page(params):
    """The query string without `page`, for pagination links."""
    return urlencode([(key, value) for key, value in params.lists() if key != "page"], doseq=True)
