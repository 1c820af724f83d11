"""A real Chromium (Debian's, not Playwright's download) driven by Playwright against
pytest-django's live server."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the test's own database
# calls are still synchronous, so Django's guard against async misuse does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/system-deps")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab in a phone-sized viewport, French, with every request it makes
    recorded in `page.requested_urls`."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-BE", base_url=live_server.url
    )
    tab = context.new_page()
    tab.requested_urls = []
    tab.on("request", lambda request: tab.requested_urls.append(request.url))
    yield tab
    context.close()


def foreign_requests(urls, live_server):
    own = urlsplit(live_server.url).netloc
    return [
        url
        for url in urls
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own
    ]


AXE = sorted((Path(settings.BASE_DIR) / ".venv" / "share" / "axe").glob("axe-*.min.js"))
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def accessibility_violations(browser, live_server):
    """Open a URL in a phone-sized tab and return axe-core's WCAG 2.1 A/AA violations as
    "rule: target" strings. axe is injected as a script, which the site's CSP rightly
    forbids, so this tab alone bypasses the CSP."""
    if not AXE:
        pytest.fail("axe-core is missing: run scripts/fetch-test-tools")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, bypass_csp=True
    )

    def audit(url):
        tab = context.new_page()
        tab.goto(url)
        tab.add_script_tag(path=str(AXE[-1]))
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
        )
        tab.close()
        return [
            f"{violation['id']}: {node['target']}"
            for violation in result["violations"]
            for node in violation["nodes"]
        ]

    yield audit
    context.close()
