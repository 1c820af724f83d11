"""The demo content `make run` loads: every page answers, is valid HTML and follows the
rules every public page follows (strict CSP, no inline code, no cookies)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from wagtail.models import Page, Site

from directory.models import ShopPage
from home.models import HomePage, SiteSettings
from offers.current import current_offers
from offers.models import OfferPage
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db


def public_urls(site):
    """Every live, public page that answers 200: offers only while current (an ended
    offer answers 410 and one not yet started 404, see tests/offers)."""
    not_current = OfferPage.objects.exclude(pk__in=current_offers().values("pk"))
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .exclude(pk__in=not_current.values("pk"))
    )
    return [page.get_url() for page in pages]


def test_demo_builds_the_page_tree_of_the_design(demo_site):
    assert isinstance(demo_site.root_page.specific, HomePage)
    sections = sorted(url for url in public_urls(demo_site) if url.count("/") <= 2)
    assert sections == [
        "/",
        "/a-propos/",
        "/commercants/",
        "/commerces/",
        "/histoires/",
        "/offres/",
        "/operations/",
        "/vie-privee/",
    ]


def test_demo_shops_are_pages_under_the_directory(demo_site):
    directory = Page.objects.get(url_path="/accueil/commerces/")
    shops = ShopPage.objects.live().child_of(directory)
    assert shops.count() >= 50
    assert {shop.get_url() for shop in shops} == {
        url for url in public_urls(demo_site) if url.count("/") == 3 and "/commerces/" in url
    }


def test_demo_replaces_wagtails_welcome_page(demo_site):
    assert not Page.objects.filter(depth=2).exclude(pk=demo_site.root_page_id).exists()


def test_demo_sets_the_city_in_site_settings(demo_site):
    assert SiteSettings.for_site(demo_site).city_name == "Vilvèze"


def test_demo_can_run_twice_without_creating_anything_more(demo_site):
    counts = (Page.objects.count(), SiteSettings.objects.count())
    output = io.StringIO()
    call_command("seed_demo", force=True, stdout=output)
    assert (Page.objects.count(), SiteSettings.objects.count()) == counts
    assert "nothing to create" in output.getvalue()


def test_demo_keeps_what_an_editor_changed(demo_site):
    home = demo_site.root_page.specific
    home.hero_heading = "Un titre choisi par la ville"
    home.save_revision().publish()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    home.refresh_from_db()
    assert home.hero_heading == "Un titre choisi par la ville"


def test_demo_prints_the_accounts(db):
    output = io.StringIO()
    call_command("seed_demo", force=True, stdout=output)
    assert "admin / vitrine-admin" in output.getvalue()


def test_demo_admin_account_can_log_in(demo_site, client, log_in):
    assert log_in(client, "admin", "vitrine-admin").status_code == 302
    assert client.get("/admin/").status_code == 200


@override_settings(DEBUG=False)
def test_demo_refuses_to_run_when_debug_is_off(db):
    # Counted rather than "no HomePage": the module may already hold the seeded demo.
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages_before


@pytest.fixture(scope="module")
def demo_responses(_demo_for_this_module, django_db_blocker):
    """Every public demo page, plus a 404, a search and an ended offer, fetched once
    by an anonymous visitor for the checks below (walking the site once per check cost
    a minute of the suite)."""
    client = Client()
    with django_db_blocker.unblock():
        site = Site.objects.get(is_default_site=True)
        urls = [*public_urls(site), "/page-qui-n-existe-pas/", "/commerces/?q=boulangerie"]
        ended = OfferPage.objects.exclude(pk__in=current_offers().values("pk")).first()
        urls.append(ended.get_url())
        return {"public": public_urls(site), "all": {url: client.get(url) for url in urls}}


def test_every_demo_page_answers_200(demo_responses):
    for url in demo_responses["public"]:
        assert demo_responses["all"][url].status_code == 200, url


@VALIDATES_HTML
def test_every_demo_page_is_valid_html(demo_responses):
    documents = {url: r.content.decode() for url, r in demo_responses["all"].items()}
    assert validate_html(documents) == []


def test_demo_pages_have_no_inline_script_or_style(demo_responses):
    for url, response in demo_responses["all"].items():
        assert inline_code(response.content.decode()) == [], url


def test_public_pages_send_a_strict_content_security_policy(demo_responses):
    for url, response in demo_responses["all"].items():
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy, url
        assert "unsafe-inline" not in policy, url
        assert "default-src 'self'" in policy, url


def test_anonymous_visitors_get_no_cookie(demo_responses):
    for url, response in demo_responses["all"].items():
        assert not response.cookies, url
