"""The directory's data files, next to its page: /commerces/carte.geojson etc.

Wagtail's page URLs are words and slashes only, so files with an extension need a
Django route; it finds the directory page at that path the way Wagtail would."""

from django.urls import re_path

from directory import views

urlpatterns = [
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>carte\.geojson|donnees\.geojson|donnees\.csv)$",
        views.directory_file,
        name="directory_file",
    ),
]
