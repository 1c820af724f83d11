"""A real Chromium (Debian's, not Playwright's download) driven by Playwright against
pytest-django's live server."""

import http.client
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests import demo_database

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
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def devices(playwright):
    """Playwright's device descriptors by name ("Pixel 7", "iPhone 15"): user agent,
    viewport, touch, as `browser.new_context(**devices[name])` takes them."""
    return playwright.devices


@pytest.fixture(scope="session")
def browser(playwright):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/system-deps")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class ServerConnections:
    """Counts the live server's connections from the moment it accepts one until its
    handler thread has answered every request on it and closed it.

    pytest-django's live server answers each connection in a thread of its own, on the
    test's own database connection (an in-memory SQLite database is shared that way). A
    request still being answered when the test ends races the test's teardown, which
    empties the tables: "database table is locked" on SQLite, or a request reading a
    half-emptied database."""

    def __init__(self, server):
        self.count = 0
        self._changed = threading.Condition()
        accept, answer = server.process_request, server.process_request_thread

        # socketserver's ThreadingMixIn calls process_request() in the serving thread
        # right after accept(), and it starts the handler thread on
        # self.process_request_thread: both are looked up on the instance.
        def process_request(request, client_address):
            with self._changed:
                self.count += 1
            try:
                accept(request, client_address)
            except BaseException:
                self._finished()
                raise

        def process_request_thread(request, client_address):
            try:
                answer(request, client_address)
            finally:
                self._finished()

        server.process_request = process_request
        server.process_request_thread = process_request_thread

    def _finished(self):
        with self._changed:
            self.count -= 1
            self._changed.notify_all()

    def wait_until_idle(self, timeout):
        with self._changed:
            return self._changed.wait_for(lambda: self.count == 0, timeout=timeout)


def _request_through(address):
    """One request to the live server, answered once the server has accepted every
    connection made before it (the kernel hands connections over in the order they were
    made). A static file, so it reads no database."""
    host, port = address
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/static/js/insights.js", headers={"Connection": "close"})
        connection.getresponse().read()
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def _live_server_finishes_every_request(browser, live_server):
    """At the end of each browser test, close every tab (so nothing can send another
    request: a page still loading, a beacon) and wait until the live server has answered
    every request it received, before the database is emptied for the next test."""
    server = live_server.thread.httpd
    if not hasattr(server, "vitrine_connections"):
        server.vitrine_connections = ServerConnections(server)
    yield
    for context in browser.contexts:
        context.close()
    _request_through(server.server_address)
    if not server.vitrine_connections.wait_until_idle(timeout=30):
        pytest.fail(
            f"the live server was still answering {server.vitrine_connections.count} "
            "connection(s) 30 s after the test ended"
        )


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


@pytest.fixture
def demo(transactional_db):
    """The demo content, committed for the live server to read, as `make run` shows it
    (tests/demo_database.py: seeded once per process and day, then restored). A browser
    test's database is emptied after each test, so it is put in place for each."""
    demo_database.put_in_place()


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
