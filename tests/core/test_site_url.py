"""SITE_URL is the site's address: absolute links that are not pages read it, the
default Wagtail Site follows it (after `migrate`, through `sync_site_url`), and the
system checks refuse what cannot work (always) or what only works on a laptop
(`check --deploy`)."""

import ast
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.site_url import absolute_url, address_problem, site_location, sync_default_site
from tests.factories import HomePageFactory, StandardPageFactory

ROOT = Path(django_settings.BASE_DIR)
APPS = ("core", "home", "directory", "offers", "stories", "logins", "insights", "demo")


def core_errors(deploy):
    """The ids of core's messages from a run of every check that reads no database (these
    tests have none; a check that asks a connection for its features would query)."""
    return [
        message.id
        for message in checks.run_checks(include_deployment_checks=deploy, databases=[])
        if message.id and message.id.startswith("core.")
    ]


# --- absolute_url ------------------------------------------------------------------


def test_absolute_url_puts_the_path_on_site_url(settings):
    settings.SITE_URL = "https://commerces.example.be/"
    assert absolute_url("/media/photo.jpg") == "https://commerces.example.be/media/photo.jpg"


def test_absolute_url_keeps_an_absolute_url(settings):
    settings.SITE_URL = "https://commerces.example.be"
    url = "https://bucket.s3.example/photo.jpg"
    assert absolute_url(url) == url


@pytest.mark.django_db
def test_without_site_url_absolute_url_falls_back_on_the_default_site(settings):
    HomePageFactory()
    Site.objects.update(hostname="vitrine.example.be", port=443)
    settings.SITE_URL = ""
    assert absolute_url("/offres/") == "https://vitrine.example.be/offres/"


# --- The address a Site can hold -----------------------------------------------------


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("https://commerces.example.be", ("commerces.example.be", 443)),
        ("http://commerces.example.be/", ("commerces.example.be", 80)),
        ("http://127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("HTTPS://Commerces.Example.BE:443", ("commerces.example.be", 443)),
    ],
)
def test_site_location_is_the_host_and_port_of_site_url(url, location):
    assert site_location(url) == location


@pytest.mark.parametrize(
    "url",
    [
        "commerces.example.be",
        "ftp://commerces.example.be",
        "https://commerces.example.be/vitrine/",
        "https://commerces.example.be/?q=1",
        "https://commerces.example.be:8443",
        "http://[::1]:8000",
        "http://[::1",
        "http://commerces.example.be:port",
        "http://commerces.example.be:443",
    ],
)
def test_an_address_a_site_cannot_hold_is_refused_with_its_reason(url):
    assert address_problem(url)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_location(url)


# --- The default Site follows SITE_URL -------------------------------------------------


@pytest.mark.django_db
def test_https_site_url_gives_the_pages_https_addresses(settings):
    home = HomePageFactory()
    page = StandardPageFactory(parent=home, title="À propos", slug="a-propos")
    settings.SITE_URL = "https://commerces.example.be"
    assert sync_default_site() is not None
    page.refresh_from_db()
    assert page.get_full_url() == "https://commerces.example.be/a-propos/"


@pytest.mark.django_db
def test_a_site_url_with_a_port_gives_the_pages_that_port(settings):
    home = HomePageFactory()
    settings.SITE_URL = "http://192.0.2.10:8080"
    sync_default_site()
    home.refresh_from_db()
    assert home.get_full_url() == "http://192.0.2.10:8080/"


@pytest.mark.django_db
def test_a_site_already_in_line_is_left_alone():
    HomePageFactory()
    assert sync_default_site() is None


@pytest.mark.django_db
def test_site_url_taken_by_another_site_is_refused_and_nothing_changes(settings):
    home = HomePageFactory()
    Site.objects.create(hostname="commerces.example.be", port=443, root_page=home)
    settings.SITE_URL = "https://commerces.example.be"
    with pytest.raises(ImproperlyConfigured, match="another Wagtail site"):
        sync_default_site()
    assert Site.objects.get(is_default_site=True).hostname == "testserver"


@pytest.mark.django_db
def test_migrate_brings_the_default_site_in_line_with_site_url(settings):
    HomePageFactory()
    settings.SITE_URL = "https://commerces.example.be"
    out = io.StringIO()
    call_command("migrate", verbosity=1, stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "https://commerces.example.be"
    assert "https://commerces.example.be" in out.getvalue()


@pytest.mark.django_db
def test_sync_site_url_command_brings_the_default_site_in_line(settings):
    HomePageFactory()
    settings.SITE_URL = "https://commerces.example.be"
    out = io.StringIO()
    call_command("sync_site_url", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "https://commerces.example.be"
    assert out.getvalue().strip() == "The default site now answers at https://commerces.example.be."


@pytest.mark.django_db
def test_sync_site_url_command_without_site_url_says_so(settings):
    HomePageFactory()
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL is not set"):
        call_command("sync_site_url")


# --- The checks ------------------------------------------------------------------------


def test_every_check_run_refuses_a_site_url_a_site_cannot_hold(settings):
    settings.SITE_URL = "https://commerces.example.be/vitrine/"
    assert core_errors(deploy=False) == ["core.E001"]


def test_the_deploy_check_leaves_an_unreadable_site_url_to_the_ordinary_check(settings):
    settings.SITE_URL = "https://[::1"
    assert core_errors(deploy=True) == ["core.E001"]


def test_a_local_site_url_passes_the_ordinary_checks(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert core_errors(deploy=False) == []


def test_the_deploy_check_passes_a_public_https_site_url(settings):
    settings.SITE_URL = "https://commerces.example.be"
    assert core_errors(deploy=True) == []


def test_the_deploy_check_fails_without_site_url(settings):
    settings.SITE_URL = ""
    assert core_errors(deploy=True) == ["core.E002"]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000",
        "https://localhost",
        "http://127.0.0.1:8000",
        "https://127.0.1.1",
        "https://[::1]",
        "https://vitrine.local",
        "http://testserver",
        "https://10.0.0.5",
    ],
)
def test_the_deploy_check_fails_on_a_local_site_url(settings, url):
    settings.SITE_URL = url
    assert "core.E003" in core_errors(deploy=True)


def test_the_deploy_check_fails_on_a_plain_http_site_url(settings):
    settings.SITE_URL = "http://commerces.example.be"
    assert core_errors(deploy=True) == ["core.E004"]


# --- One source -------------------------------------------------------------------------


def names_used(path):
    return {
        node.attr if isinstance(node, ast.Attribute) else node.id
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute | ast.Name)
    }


def test_no_module_builds_an_absolute_link_from_the_request_or_the_admin_setting():
    """Through core.site_url instead: the request's host is whatever the visitor sent
    (or the proxy's), and WAGTAILADMIN_BASE_URL is only Wagtail's copy of SITE_URL."""
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if names_used(path) & {"build_absolute_uri", "WAGTAILADMIN_BASE_URL"}
    ]
    assert offenders == []


def test_no_template_builds_an_absolute_link_from_the_request():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        and any(
            word in path.read_text(errors="replace")
            for word in ("request.get_host", "build_absolute_uri", "request.scheme")
        )
    ]
    assert offenders == []
