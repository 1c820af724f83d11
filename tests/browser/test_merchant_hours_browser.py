"""The merchant's hours tab in a real browser at 390 px (issue 16): the week on one
line with a lunch break, then a holiday closure in one short form, each published and
read back on the public shop page; the tab fits the phone and axe finds no WCAG 2.1 AA
violation in it."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.clock import today
from directory.models import ShopPage
from offers import merchants
from tests.browser.conftest import AXE, WCAG_21_AA
from tests.factories import HomePageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_WIDTH = 390


@pytest.fixture
def shop():
    HomePageFactory()
    shop = ShopPageFactory(title="Boulangerie du Beffroi")
    user, _created = merchants.grant_access(shop, "Marie Dupont", "marie@example.be")
    user.set_password("un-mot-de-passe")
    user.save()
    return shop


def open_hours_tab(page, shop):
    page.goto("/admin/")
    page.locator("#id_username").fill("marie@example.be")
    page.locator("#id_password").fill("un-mot-de-passe")
    page.locator("form button[type=submit]").click()
    page.get_by_role("link", name="Modifier la fiche").click()
    page.get_by_role("tab", name="Horaires").click()


def publish(page):
    """The merchant's big button (offers.publishing_hooks), then the dashboard's word."""
    page.locator("footer button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("est à jour sur le site")


def test_merchant_sets_weekdays_with_a_lunch_break_on_one_line(page, shop):
    open_hours_tab(page, shop)
    page.locator("#id_hours_line").fill("Mo-Fr 09:00-18:00")
    page.get_by_label("Pause de midi de").fill("12:00")
    page.get_by_label("à", exact=True).fill("13:00")
    publish(page)

    page.goto(ShopPage.objects.get(pk=shop.pk).url)
    monday = page.locator("table.hours tr").filter(has_text="Lundi")
    expect(monday).to_contain_text("09:00")
    expect(monday).to_contain_text("12:00")
    expect(monday).to_contain_text("13:00")
    expect(monday).to_contain_text("18:00")
    expect(page.locator("table.hours tr").filter(has_text="Samedi")).to_contain_text("Fermé")


def test_merchant_closes_for_holidays_in_one_form(page, shop):
    start = today() + timedelta(days=7)
    end = start + timedelta(days=6)
    open_hours_tab(page, shop)
    page.get_by_label("Congés du").fill(start.isoformat())
    page.get_by_label("au", exact=True).fill(end.isoformat())
    page.get_by_label("motif (facultatif)").fill("Vacances d'été")
    publish(page)

    page.goto(ShopPage.objects.get(pk=shop.pk).url)
    closure = page.locator(".special-hours li").filter(has_text="Vacances d'été")
    expect(closure).to_contain_text("fermé")


def test_copy_to_the_other_days_fills_the_week(page, shop):
    open_hours_tab(page, shop)
    page.locator("#id_week_hours-0-0-opens").fill("09:30")
    page.locator("#id_week_hours-0-0-closes").fill("17:30")
    page.get_by_role("button", name="Copier sur les autres jours (lundi)").click()
    page.get_by_role("button", name="Fermé (dimanche)").click()
    expect(page.locator("#id_week_hours-4-0-closes")).to_have_value("17:30")
    expect(page.locator("#id_week_hours-6-0-opens")).to_have_value("")
    publish(page)
    week = ShopPage.objects.get(pk=shop.pk).opening_hours.values_list("weekday", flat=True)
    assert sorted(week) == [0, 1, 2, 3, 4, 5]


def test_hours_tab_fits_a_phone_and_has_no_wcag_violation(page, shop):
    if not AXE:
        pytest.fail("axe-core is missing: run scripts/fetch-test-tools")
    open_hours_tab(page, shop)
    panel = page.get_by_role("tabpanel", name="Horaires")
    expect(panel).to_be_visible()
    # Wagtail's "add a comment" buttons of the page's own fields are its chrome, the
    # same in every tab (they stand 12 px out at this width); the rest must fit.
    widest = panel.evaluate(
        "panel => Math.max(...[...panel.querySelectorAll('*')]"
        ".filter(element => element.offsetParent !== null"
        " && !element.closest('.w-field__comment-button'))"
        ".map(element => element.getBoundingClientRect().right))"
    )
    assert widest <= PHONE_WIDTH
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE_WIDTH
    # The site's CSP forbids injected scripts; this tab's context was not told to
    # bypass it, so axe goes in as the page's own code through Playwright's evaluate.
    page.evaluate(AXE[-1].read_text(encoding="utf-8"))
    result = page.evaluate(
        "([selector, tags]) => axe.run({include: [selector]}, "
        "{runOnly: {type: 'tag', values: tags}})",
        ["#tab-horaires", WCAG_21_AA],
    )
    violations = [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
    assert violations == []
