"""Open data: every live shop as CSV and GeoJSON. (Being written; see issue 3.)"""

from django.http import Http404


def geojson_response(request, directory):
    raise Http404


def csv_response(request, directory):
    raise Http404
