"""Everyone writing at once, against a real server: city staff saving, publishing and
autosaving pages, residents' counting beacons, residents reading, and an import of shops,
all at the same time, on gunicorn (several processes, as in production) sharing the
test's database. No request answers an error and no write is lost.

On SQLite, the default, this is what WAL, immediate transactions and the busy timeout
are for (vitrine/settings/base.py): without them the import or the other writers fail
with "database is locked". The same test runs on PostgreSQL (DATABASE_URL).
"""

import csv
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from directory.models import ShopPage
from insights.models import DailyCount
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ShopPageFactory,
    StandardPageFactory,
)
from tests.shared_database import shared_database

# The server shares this test's database: data written here must be committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EDITORS = 2  # each saves a draft of its own page SAVES times, then publishes it
SAVES = 5
AUTOSAVES = 8  # one more editor's autosave, on a page of its own
IMPORTED_SHOPS = 120
BEACON_CLIENTS = 3
READERS = 1
# Each beacon client and reader makes at least the first number of requests, and goes on
# while the import runs, up to the second.
REQUESTS_EACH = (15, 150)
PASSWORD = "un-mot-de-passe-de-test"
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
# Seconds for any one request or command: a bound for a hung test, far above the database's
# own busy timeout (a request waiting that long has already failed).
TIMEOUT = 300


@pytest.fixture
def content():
    """A home page, the directory, a shop, and a page of text for each staff member (the
    city's team, superusers): EDITORS who save and publish, and one who autosaves."""
    home = HomePageFactory()
    DirectoryPageFactory(parent=home)
    shop = ShopPageFactory(title="Boulangerie du Beffroi")
    editors = [f"equipe{n}" for n in range(EDITORS + 1)]
    pages = [StandardPageFactory(parent=home, title=f"Page de {name}").pk for name in editors]
    for name in editors:
        get_user_model().objects.create_superuser(name, password=PASSWORD)
    return {"shop": shop.pk, "pages": pages, "editors": editors}


class Site:
    """The site served by gunicorn, and the environment it and its commands run with."""

    def __init__(self, database_url, folder):
        self.folder = folder
        self.environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "tests.vitrine.server_settings",
            # Every beacon comes from 127.0.0.1; each client says it is another resident,
            # as a reverse proxy would, so that the rate limit leaves them alone.
            "INSIGHTS_ADDRESS_HEADER": "HTTP_X_FORWARDED_FOR",
        }

    def manage(self, *arguments):
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == 0, f"{arguments}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    @contextmanager
    def serving(self):
        """gunicorn, three sync workers (processes), on a socket opened here: it listens
        before gunicorn starts, so requests simply wait in its queue until a worker takes
        them, and nothing needs to wait for the server to be ready."""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        log = (self.folder / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                str(settings.BASE_DIR / ".venv" / "bin" / "gunicorn"),
                "vitrine.wsgi",
                "--bind",
                f"fd://{listener.fileno()}",
                "--workers",
                "3",
                "--timeout",
                str(TIMEOUT),
                "--no-control-socket",
            ],
            cwd=settings.BASE_DIR,
            env=self.environment,
            pass_fds=[listener.fileno()],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield self
        finally:
            server.terminate()
            server.wait(timeout=TIMEOUT)
            listener.close()
            log.close()

    def server_log(self):
        return (self.folder / "gunicorn.log").read_text()


# --- The writers and readers: each notes every answer that is not the expected one ------


def staff_session(site, username):
    session = requests.Session()
    session.get(f"{site.url}/admin/login/", timeout=TIMEOUT)
    response = session.post(
        f"{site.url}/admin/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert response.status_code == 302, response.text[:500]
    return session


def edit_form(site, session, page_id):
    """The page's edit form as the admin renders it now: what a browser would post."""
    response = session.get(f"{site.url}/admin/pages/{page_id}/edit/", timeout=TIMEOUT)
    response.raise_for_status()
    return querydict_from_html(response.text, form_id="page-edit-form", exclude_csrf=False)


def post_form(site, session, page_id, data, **kwargs):
    fields = [(name, value) for name, values in data.lists() for value in values]
    return session.post(
        f"{site.url}/admin/pages/{page_id}/edit/",
        data=fields,
        allow_redirects=False,
        timeout=TIMEOUT,
        **kwargs,
    )


def problem(label, response):
    return f"{label}: {response.status_code} {response.text[:300]!r}"


def edit_then_publish(site, username, page_id, problems):
    """A staff member saves drafts of a page, loading the form afresh each time, then
    publishes it."""
    session = staff_session(site, username)
    for n in range(SAVES + 1):
        data = edit_form(site, session, page_id)
        if n < SAVES:
            data["title"] = f"{username}, brouillon {n}"
        else:
            data["title"] = f"{username}, publiée"
            data["action-publish"] = "action-publish"
        response = post_form(site, session, page_id, data)
        if response.status_code != 302:
            problems.append(problem(f"{username} saving page {page_id}", response))


def autosave(site, username, page_id, problems):
    """What Wagtail's autosave does: post the form for a JSON answer, then keep
    overwriting the revision it made."""
    session = staff_session(site, username)
    data = edit_form(site, session, page_id)
    for n in range(AUTOSAVES):
        data["title"] = f"{username}, autosauvegarde {n}"
        response = post_form(site, session, page_id, data, headers={"Accept": "application/json"})
        if response.status_code != 200 or not response.json().get("success"):
            problems.append(problem(f"{username} autosaving page {page_id}", response))
            return
        data["overwrite_revision_id"] = str(response.json()["revision_id"])


def count_views(site, client, shop_id, import_done, sent, problems):
    """A resident's phone after another: a view of the shop, each from its own address."""
    least, most = REQUESTS_EACH
    for n in range(most):
        if n >= least and import_done.is_set():
            break
        response = requests.post(
            f"{site.url}/frequentation/compter/",
            data=json.dumps({"page": shop_id, "kind": "view"}),
            headers={
                "Content-Type": "text/plain;charset=UTF-8",
                "User-Agent": BROWSER,
                "Sec-Fetch-Site": "same-origin",
                "X-Forwarded-For": f"10.{client}.{n // 256}.{n % 256}",
            },
            timeout=TIMEOUT,
        )
        sent[response.status_code] += 1
        if response.status_code != 204:
            problems.append(problem("beacon", response))


def read(site, import_done, problems):
    least, most = REQUESTS_EACH
    for n in range(most):
        if n >= least and import_done.is_set():
            break
        for path in ("/", "/commerces/"):
            response = requests.get(f"{site.url}{path}", timeout=TIMEOUT)
            if response.status_code != 200:
                problems.append(problem(f"reading {path}", response))


def import_shops(site, path, import_done, problems):
    try:
        site.manage("import_shops", str(path))
    finally:
        import_done.set()


def shops_file(folder):
    references = [f"C-{n:03d}" for n in range(IMPORTED_SHOPS)]
    path = folder / "commerces.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["reference", "name", "category", "latitude", "longitude"])
        for n, reference in enumerate(references):
            writer.writerow([reference, f"Commerce importé {n}", "Épicerie", "50.466", "4.87"])
    return path, references


def everyone_at_once(site, content):
    """Run every writer and reader at once; returns the problems they met and what the
    beacon clients sent (statuses)."""
    shop_id, page_ids, names = (content[key] for key in ("shop", "pages", "editors"))
    path, references = shops_file(site.folder)
    problems, import_done = [], threading.Event()
    sent = [Counter() for _ in range(BEACON_CLIENTS)]

    def worker(target, *args):
        """A thread running `target`, whose failure is a problem like any other."""

        def run():
            try:
                target(site, *args, problems)
            except Exception as error:
                problems.append(f"{target.__name__}: {error!r}")

        return threading.Thread(target=run)

    threads = [worker(import_shops, path, import_done)]
    threads += [
        worker(edit_then_publish, name, page_id)
        for name, page_id in zip(names[:EDITORS], page_ids[:EDITORS], strict=True)
    ]
    threads.append(worker(autosave, names[EDITORS], page_ids[EDITORS]))
    threads += [
        worker(count_views, n, shop_id, import_done, sent[n]) for n in range(BEACON_CLIENTS)
    ]
    threads += [worker(read, import_done) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return problems, sum(sent, Counter()), references


@pytest.mark.long_running
def test_concurrent_saves_beacons_reads_and_an_import_neither_fail_nor_lose_a_write(
    content, tmp_path
):
    with shared_database(tmp_path) as database_url:
        site = Site(database_url, tmp_path)
        with site.serving():
            problems, sent, references = everyone_at_once(site, content)
        server_log = site.server_log()

    assert problems == [], server_log[-3000:]
    views = DailyCount.objects.filter(page_id=content["shop"], kind="view")
    assert views.aggregate(total=Sum("count"))["total"] == sent[204]
    imported = ShopPage.objects.live().filter(reference__in=references)
    assert sorted(imported.values_list("reference", flat=True)) == references
    names, page_ids = content["editors"], content["pages"]
    for name, page_id in zip(names[:EDITORS], page_ids[:EDITORS], strict=True):
        page = Page.objects.get(pk=page_id)
        assert (page.title, page.has_unpublished_changes) == (f"{name}, publiée", False)
    autosaved = Page.objects.get(pk=page_ids[EDITORS]).get_latest_revision_as_object()
    assert autosaved.title == f"{names[EDITORS]}, autosauvegarde {AUTOSAVES - 1}"
