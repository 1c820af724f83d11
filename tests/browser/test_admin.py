"""The Wagtail admin works under its own Content-Security-Policy, in French."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_staff_log_in_and_reach_the_dashboard_without_csp_violations(demo, page):
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    page.goto("/admin/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("vitrine-admin")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vitrine")
    page.goto("/admin/pages/")
    expect(page.get_by_role("link", name="Accueil").first).to_be_visible()
    assert blocked == []
