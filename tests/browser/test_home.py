"""A resident's first steps, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import foreign_requests

# The live server reads the database from another thread, so tests commit for real;
# serialized_rollback restores what migrations created (root page, site, collection).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_search_box_leads_to_the_directory(demo, page, live_server):
    page.goto("/")
    page.get_by_label("Quel commerce cherchez-vous ?").fill("boulangerie")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"/commerces/\?q=boulangerie$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Commerces")
    expect(page.get_by_label("Quel commerce cherchez-vous ?")).to_have_value("boulangerie")


def test_home_makes_no_request_to_another_site_and_sets_no_cookie(demo, page, live_server):
    page.goto("/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/static/css/vitrine.css") for url in page.requested_urls)
    assert foreign_requests(page.requested_urls, live_server) == []
    assert page.context.cookies() == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(demo, page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_home_page_fits_a_phone_screen_without_sideways_scrolling(demo, page):
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
