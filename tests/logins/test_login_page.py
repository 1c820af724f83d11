"""The login page is French from its first word and names the city, with its logo, for
anyone, a merchant's first visit included (issue 16)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from home.models import SiteSettings
from tests.factories import HomePageFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    """The default site, with the city's name and logo in its settings."""
    HomePageFactory()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.city_name = "Vilvèze"
    settings.logo = ImageFactory(title="Logo de la ville")
    settings.save()
    return settings


def login_page(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    return response.content.decode()


def label_of(html, field):
    match = re.search(rf'<label[^>]*for="id_{field}"[^>]*>\s*([^<]*)', html)
    return match.group(1).strip()


def test_login_page_labels_are_french(client, city):
    html = login_page(client)
    assert label_of(html, "username") == "Nom d’utilisateur"
    assert label_of(html, "password") == "Mot de passe"
    assert "Password" not in html
    assert "Enter password" not in html
    assert "Wagtail" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_login_page_names_the_city_and_shows_its_logo(client, city):
    html = login_page(client)
    assert re.search(r"<h1>\s*Vitrine Vilvèze\s*</h1>", html)
    assert '<div class="login-logo"><img alt="" ' in html
    assert "<title>Connexion - Vitrine Vilvèze</title>" in html


def test_login_page_without_a_city_name_still_says_vitrine(client, db):
    HomePageFactory()
    html = login_page(client)
    assert re.search(r"<h1>\s*Vitrine\s*</h1>", html)
    assert 'class="login-logo"' not in html


def test_lockout_page_is_the_same_french_login_page(client, city, log_in):
    for _attempt in range(6):
        response = log_in(client, "personne", "faux")
    html = response.content.decode()
    assert response.status_code == 429
    assert label_of(html, "password") == "Mot de passe"
    assert re.search(r"<h1>\s*Vitrine Vilvèze\s*</h1>", html)


def test_a_new_account_sees_the_admin_in_french(client, merchant_a):
    """A merchant's first login: no language chosen in their profile."""
    client.force_login(merchant_a.user)
    response = client.get(reverse("wagtailadmin_home"))
    assert '<html lang="fr-be"' in response.content.decode()
    assert "Tableau de bord" in response.content.decode()
