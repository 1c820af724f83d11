"""The kernel's public route: a page's calendar, at its address + `agenda.ics`
(core.calendar). Wagtail's page URLs have no dots, hence a Django route."""

from django.urls import re_path

from core.calendar import page_calendar

urlpatterns = [
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)agenda\.ics$", page_calendar, name="page_calendar"),
]
