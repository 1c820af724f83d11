"""A merchant's admin on a phone (390 px): the dashboard, the offer form and the shop
form fit the screen, figures table included, and axe finds no WCAG 2.1 AA violation on
the dashboard and the offer form (issue 16)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import AXE, WCAG_21_AA

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}

# Wagtail's off-canvas panels (the minimap, the closed side panels) sit beside the
# screen on purpose, out of reach of scrolling, and its "add a comment" buttons are
# transparent until comments are turned on; everything else must fit.
WIDER_THAN_THE_SCREEN = """() => {
    const root = document.scrollingElement;
    const width = root.clientWidth;
    const offCanvas = ".w-minimap, .form-side";
    const wide = [...document.querySelectorAll("#main *")].filter((element) => {
        const box = element.getBoundingClientRect();
        return (
            box.width > 0 &&
            box.right > width + 1 &&
            !element.closest(offCanvas) &&
            element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
        );
    });
    return {
        scrollWidth: root.scrollWidth,
        clientWidth: width,
        wide: wide.slice(0, 10).map((element) => element.outerHTML.slice(0, 120)),
    };
}"""


@pytest.fixture
def merchant_tab(browser, live_server, merchant_a):
    """A phone-sized tab logged in as merchant A. It bypasses the CSP so that axe can
    be injected; the admin's own policy is tested elsewhere (test_admin.py)."""
    context = browser.new_context(
        viewport=PHONE, locale="fr-BE", base_url=live_server.url, bypass_csp=True
    )
    tab = context.new_page()
    tab.goto(reverse("wagtailadmin_login"))
    tab.locator("#id_username").fill(merchant_a.user.username)
    tab.locator("#id_password").fill("secret")
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url(f"{live_server.url}{reverse('wagtailadmin_home')}")
    yield tab
    context.close()


def merchant_pages(merchant):
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "new offer": reverse(
            "wagtailadmin_pages:add", args=["offers", "offerpage", merchant.shop.pk]
        ),
        "offer": reverse("wagtailadmin_pages:edit", args=[merchant.offer.pk]),
        "shop": reverse("wagtailadmin_pages:edit", args=[merchant.shop.pk]),
    }


@pytest.mark.parametrize("name", ["dashboard", "new offer", "offer", "shop"])
def test_merchant_page_fits_a_phone_screen(merchant_tab, merchant_a, name):
    merchant_tab.goto(merchant_pages(merchant_a)[name])
    merchant_tab.wait_for_load_state("networkidle")
    layout = merchant_tab.evaluate(WIDER_THAN_THE_SCREEN)
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    assert layout["wide"] == [], layout


def test_the_figures_table_fits_a_phone_screen(merchant_tab, merchant_a):
    merchant_tab.goto(reverse("wagtailadmin_home"))
    table = merchant_tab.locator("table.merchant-figures")
    assert table.count() == 1
    box = table.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # No heading or figure runs into its neighbour: every cell holds its own text.
    crowded = table.evaluate(
        "table => [...table.querySelectorAll('th, td')]"
        ".filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent)"
    )
    assert crowded == []


def violations(tab, selector):
    """axe-core's WCAG 2.1 A/AA violations inside `selector`, as "rule: target"."""
    tab.add_script_tag(path=str(AXE[-1]))
    result = tab.evaluate(
        "([selector, tags]) => axe.run(selector, {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_21_AA],
    )
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("name", ["dashboard", "new offer"])
def test_merchant_page_has_no_wcag_21_aa_violation(merchant_tab, merchant_a, name):
    if not AXE:
        pytest.fail("axe-core is missing: run scripts/fetch-test-tools")
    merchant_tab.goto(merchant_pages(merchant_a)[name])
    merchant_tab.wait_for_load_state("networkidle")
    assert violations(merchant_tab, "html") == []
