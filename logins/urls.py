"""Admin URLs that replace Wagtail's own (vitrine/urls.py puts them first)."""

from django.urls import path

from logins import views

admin_overrides = [
    path("password_reset/", views.password_reset, name="wagtailadmin_password_reset"),
]
