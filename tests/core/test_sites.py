"""The request's Wagtail site comes from the cached site rows (core.sites), picked by
Wagtail's own rules, and follows changes to the sites and their root pages."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from core.sites import all_sites, site_for
from tests.factories import HomePageFactory, StandardPageFactory
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

# Site set-ups as (hostname, port, is_default_site) rows: one default or none, hosts
# sharing a name on several ports, the default's own host...
SET_UPS = [
    [("localhost", 80, True)],
    [("a.example", 80, False)],
    [("a.example", 80, True), ("b.example", 80, False)],
    [("a.example", 80, True), ("b.example", 8000, False)],
    [("a.example", 80, True), ("b.example", 8000, False), ("b.example", 8080, False)],
    [("a.example", 80, False), ("b.example", 8000, False), ("b.example", 8080, False)],
    [("a.example", 8000, True), ("a.example", 80, False), ("b.example", 443, False)],
    [("b.example", 80, False), ("b.example", 443, True)],
]
HOSTS = ["a.example", "b.example", "c.example", "localhost"]
PORTS = [80, 443, 8000, 8080]


def wagtail_pick(hostname, port):
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


@pytest.mark.parametrize("set_up", SET_UPS)
def test_the_cached_pick_is_wagtails_pick(set_up):
    root = HomePageFactory()
    Site.objects.all().delete()
    for hostname, port, is_default in set_up:
        Site.objects.create(
            hostname=hostname, port=port, is_default_site=is_default, root_page=root
        )
    sites = list(Site.objects.all())
    for hostname, port in itertools.product(HOSTS, PORTS):
        expected = wagtail_pick(hostname, port)
        picked = site_for(hostname, port, sites)
        assert (picked and picked.pk) == (expected and expected.pk), (hostname, port)


def test_a_page_request_does_not_look_the_site_up_again(client):
    home = HomePageFactory()
    StandardPageFactory(parent=home, title="À propos", slug="a-propos")
    assert client.get("/a-propos/").status_code == 200
    with counted_rendering() as queries:
        assert client.get("/a-propos/").status_code == 200
    assert not [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]
    # Nor its root page, where routing starts: it is cached as its own type.
    assert not [q for q in queries if 'FROM "home_homepage"' in q["sql"]]


def test_the_home_page_shows_its_published_changes_at_once(client):
    home = HomePageFactory(hero_heading="Les commerces de la ville")
    assert "Les commerces de la ville" in client.get("/").content.decode()
    home.hero_heading = "Achetez près de chez vous"
    home.save_revision().publish()
    assert "Achetez près de chez vous" in client.get("/").content.decode()


def test_a_changed_site_is_picked_up_at_the_next_request(client):
    HomePageFactory()
    assert client.get("/").status_code == 200  # the sites are cached now
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Commerces d'Autreville"
    site.save()
    assert [s.site_name for s in all_sites()] == ["Commerces d'Autreville"]


def test_a_renamed_root_page_is_picked_up_once_published():
    home = HomePageFactory(title="Accueil")
    assert all_sites()[0].root_page.title == "Accueil"
    home.title = "Bienvenue"
    home.save_revision().publish()
    assert all_sites()[0].root_page.title == "Bienvenue"


def test_no_site_for_an_unknown_host_without_a_default_site(client):
    HomePageFactory()
    Site.objects.update(is_default_site=False, hostname="commerces.example")
    # Wagtail answers 404 when no site matches; so does the cached pick.
    assert client.get("/", HTTP_HOST="localhost").status_code == 404


def test_wagtail_asks_the_cache_for_the_site(rf):
    """core.apps replaced the lookup Wagtail makes (core.compat.find_site_for_request_with)."""
    HomePageFactory()
    all_sites()  # cached
    request = rf.get("/", HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as queries:
        site = Site.find_for_request(request)
    assert site == Site.objects.get(is_default_site=True)
    assert len(queries) == 0
