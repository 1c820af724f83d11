"""The staff's "Fréquentation" report read on a phone (390 px): the page never scrolls
sideways, and each table scrolls inside its own box, a region with a name that the
keyboard reaches and scrolls (issue 18)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.clock import today
from insights.counting import add_count, add_search
from tests.browser.conftest import AXE, WCAG_21_AA
from tests.factories import OfferPageFactory, OperationPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def busy_report(staff_user):
    """Every table with rows, the widest (operations: nine columns) included, and long
    names: what makes a report wider than a phone."""
    shops = [
        ShopPageFactory(title=f"Maison de la literie et du linge de maison n° {number}")
        for number in range(12)
    ]
    for number, shop in enumerate(shops):
        add_count(today(), shop.pk, "view", amount=number + 1)
        add_count(today(), shop.pk, "directions", amount=number + 1)
        offer = OfferPageFactory(parent=shop, title=f"Deuxième article à moitié prix {number}")
        add_count(today(), offer.pk, "view", amount=number + 1)
        add_search(today(), f"recherche sans résultat numéro {number}", found=False)
    operation = OperationPageFactory(
        title="Dimanche shopping des commerces du centre-ville",
        days=[(today() - timedelta(days=2), "10:00", "18:00")],
        shops=shops[:3],
    )
    add_count(today(), operation.pk, "view", amount=4)
    return staff_user


@pytest.fixture
def staff_tab(browser, live_server, busy_report):
    context = browser.new_context(
        viewport=PHONE, locale="fr-BE", base_url=live_server.url, bypass_csp=True
    )
    tab = context.new_page()
    tab.goto(reverse("wagtailadmin_login"))
    tab.locator("#id_username").fill(busy_report.username)
    tab.locator("#id_password").fill("secret")
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(f"{live_server.url}{reverse('wagtailadmin_home')}")
    tab.goto(reverse("insights_report") + "?periode=7")
    yield tab
    context.close()


# Elements of the report that stick out of the screen, but for those inside a table's
# own scrolling box: the admin clips what sticks out, so a resident could never reach it.
STICKING_OUT = """() => {
    const width = document.scrollingElement.clientWidth;
    return [...document.querySelectorAll(".insights-report *")]
        .filter((element) => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.right > width + 1 && !element.closest(".insights-table");
        })
        .slice(0, 10)
        .map((element) => element.outerHTML.slice(0, 120));
}"""


def test_the_report_does_not_scroll_sideways_on_a_phone(staff_tab):
    width = staff_tab.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"]
    assert staff_tab.evaluate(STICKING_OUT) == []


def test_each_table_is_a_named_region_inside_the_screen(staff_tab):
    # The chart's figures, day by day, are behind a disclosure.
    staff_tab.get_by_text("Les chiffres du graphique, jour par jour").click()
    tables = staff_tab.locator(".insights-report table")
    expect(tables).to_have_count(staff_tab.locator(".insights-table").count())
    assert tables.count() >= 10
    for index in range(tables.count()):
        box = staff_tab.locator(".insights-table").nth(index)
        title = box.evaluate("box => box.closest('section').querySelector('h2').textContent")
        expect(
            staff_tab.get_by_role("region", name=f"Tableau : {title}", exact=True)
        ).to_have_count(1)
        bounds = box.bounding_box()
        assert bounds["x"] >= 0
        assert bounds["x"] + bounds["width"] <= PHONE["width"]


def test_a_wide_table_scrolls_in_its_box_from_the_keyboard(staff_tab):
    region = staff_tab.get_by_role("region", name="Tableau : Opérations de la ville")
    overflow = region.evaluate("box => box.scrollWidth - box.clientWidth")
    assert overflow > 0  # nine columns do not fit 390 px: they scroll here
    region.focus()
    expect(region).to_be_focused()
    staff_tab.keyboard.press("ArrowRight")
    staff_tab.wait_for_function(
        "box => box.scrollLeft > 0", arg=region.element_handle(), timeout=5000
    )
    # The arrow keys bring its last column into view (a step of 40 px each).
    for _press in range(overflow // 40 + 1):
        staff_tab.keyboard.press("ArrowRight")
    staff_tab.wait_for_function(
        "box => box.scrollLeft + box.clientWidth >= box.scrollWidth - 1",
        arg=region.element_handle(),
        timeout=5000,
    )
    bounds = region.locator("thead th").last.bounding_box()
    assert bounds["x"] + bounds["width"] <= PHONE["width"] + 1
    # The page itself still does not scroll sideways.
    assert staff_tab.evaluate("() => document.scrollingElement.scrollLeft") == 0


def test_the_report_has_no_wcag_21_aa_violation_on_a_phone(staff_tab):
    if not AXE:
        pytest.fail("axe-core is missing: run scripts/fetch-test-tools")
    staff_tab.add_script_tag(path=str(AXE[-1]))
    result = staff_tab.evaluate(
        "tags => axe.run('.insights-report', {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    found = [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
    assert found == []
