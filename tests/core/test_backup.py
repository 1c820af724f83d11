"""Backups (`backup_site`) and their restore (`restore_site`) into an empty site.

The round trip runs as a city's operator would: `manage.py` in processes of their own,
a site served by gunicorn that keeps counting visits while the backup runs, and a
restore into a new empty database (on SQLite a new file, on PostgreSQL a new database
of the same throwaway cluster) and an empty media folder. The site backed up is the
test's database (a copy in a file on SQLite), with content of every kind built by the
factories. The refusals use a small archive of the test database."""

import hashlib
import http.client
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import environ
import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.backup import BackupError, create_backup, restore_backup
from directory.models import ShopPage
from insights.counting import add_count, add_search
from tests.core.site_probe import add_image
from tests.factories import (
    ALL_WEEK,
    CampaignPageFactory,
    DirectoryPageFactory,
    HomePageFactory,
    ImageFactory,
    OfferPageFactory,
    OffersPageFactory,
    ShopPageFactory,
    StandardPageFactory,
    StoriesPageFactory,
    StoryPageFactory,
)
from tests.shared_database import committed_then_undone, shared_database

ROOT = Path(settings.BASE_DIR)
POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
BEACON = "/frequentation/compter/"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


# --- Throwaway sites ---------------------------------------------------------------


@pytest.fixture
def new_database(tmp_path):
    """Makes new empty databases and returns their DATABASE_URL: SQLite files in tmp_path,
    or databases of the test run's PostgreSQL cluster, dropped afterwards."""
    made = []

    def make(name):
        if not POSTGRESQL:
            return f"sqlite:///{tmp_path / name}.sqlite3"
        database = f"backup_{name}_{os.getpid()}"
        with _cluster() as cluster:
            cluster.execute(f'DROP DATABASE IF EXISTS "{database}"')
            cluster.execute(f'CREATE DATABASE "{database}"')
        made.append(database)
        return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}").geturl()

    yield make
    if made:
        with _cluster() as cluster:
            for database in made:
                cluster.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _cluster():
    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    )


def site(database_url, media_root):
    """The environment of a site of its own. The dev settings: like production, they
    read the database and media folder from the environment, and serve pages without
    `collectstatic`. Behind "a proxy", so that one test client may count many visits."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "AWS_"))
    }
    media_root.mkdir(parents=True, exist_ok=True)
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "vitrine.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "INSIGHTS_ADDRESS_HEADER": "HTTP_X_FORWARDED_FOR",
    }


def manage(environment, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def probe(environment, *args):
    result = subprocess.run(
        [sys.executable, "-m", "tests.core.site_probe", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(result.stdout)


def tables(database_url):
    if not POSTGRESQL:
        path = urlsplit(database_url).path
        with sqlite3.connect(path) as database:
            rows = database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {name for (name,) in rows}
    config = environ.Env.db_url_config(database_url)
    with psycopg.connect(dbname=config["NAME"], user=config.get("USER") or None) as database:
        rows = database.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {name for (name,) in rows}


def add_table(database_url, name):
    if not POSTGRESQL:
        with sqlite3.connect(urlsplit(database_url).path) as database:
            database.execute(f"CREATE TABLE {name} (note text)")
        return
    config = environ.Env.db_url_config(database_url)
    with psycopg.connect(dbname=config["NAME"], user=config.get("USER") or None) as database:
        database.execute(f"CREATE TABLE {name} (note text)")


def files_in(folder):
    found = (path for path in folder.rglob("*") if path.is_file())
    return sorted(path.relative_to(folder).as_posix() for path in found)


# --- A site serving visits while it is backed up ----------------------------------------


def _free_port():
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


class Server:
    """gunicorn serving a site on a free local port, as in production."""

    def __init__(self, environment):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "vitrine.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=2",
                # The app loaded once, before the workers fork, rather than by each.
                "--preload",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=environment,
        )
        self.sent = 0

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection_ = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection_.request("GET", BEACON)
                if connection_.getresponse().status == 405:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)

    def count_visit(self, shop):
        """A resident's visit of a shop page, as the page's script reports it."""
        self.sent += 1
        connection_ = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection_.request(
                "POST",
                BEACON,
                body=json.dumps({"page": shop, "kind": "view"}),
                headers={
                    "Content-Type": "text/plain;charset=UTF-8",
                    "User-Agent": BROWSER,
                    "Sec-Fetch-Site": "same-origin",
                    # A visitor address of its own for each visit, under the rate limit.
                    "X-Forwarded-For": f"2001:db8::{self.sent:x}",
                },
            )
            return connection_.getresponse().status
        except OSError as error:
            return type(error).__name__
        finally:
            connection_.close()


class VisitCounter(threading.Thread):
    """Keeps counting visits of shops, twenty a second at most, until stopped (two
    minutes at most): a steady stream across the backup, which leaves the machine's
    cores to the backup rather than to counting."""

    def __init__(self, server, shops):
        super().__init__()
        self.server, self.shops = server, shops
        self.statuses = Counter()
        self.stopping = threading.Event()

    def run(self):
        deadline = time.monotonic() + 120
        index = 0
        while not self.stopping.is_set() and time.monotonic() < deadline:
            self.statuses[self.server.count_visit(self.shops[index % len(self.shops)])] += 1
            index += 1
            time.sleep(0.05)

    def counted(self):
        return self.statuses[204]

    def wait_for_visits(self, count):
        deadline = time.monotonic() + 60
        while self.counted() < count and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        self.join()


@pytest.fixture
def city_site(transactional_db, django_db_serialized_rollback, settings, tmp_path):
    """A small city's site, committed, with a page of every kind (one unpublished, one
    with a draft newer than its live version), images with renditions, a document and
    counts of visits and searches. Its uploads go to a media folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    welcome = Page.objects.get(depth=2)  # Wagtail's, replaced by the home page as on install
    home = HomePageFactory()
    welcome.delete()
    directory = DirectoryPageFactory(parent=home, slug="commerces")
    logo = ImageFactory(title="Enseigne de la boulangerie")
    logo.get_rendition("fill-80x80")
    shops = [
        ShopPageFactory(parent=directory, title=f"Commerce {n}", logo=logo, hours=ALL_WEEK)
        for n in range(3)
    ]
    OfferPageFactory(parent=shops[0], title="Pain du dimanche")
    OffersPageFactory(parent=home, slug="offres")
    stories = StoriesPageFactory(parent=home, slug="histoires")
    campaign = CampaignPageFactory(parent=stories, title="Noël en ville")
    StoryPageFactory(parent=stories, featured_shops=shops[:2], campaign=campaign)
    StoryPageFactory(parent=stories, title="Un brouillon", publish=False)
    about = StandardPageFactory(parent=home, title="À propos")
    about.title = "À propos (brouillon)"
    about.save_revision()
    get_document_model().objects.create(
        title="Règlement du marché", file=ContentFile(b"%PDF-1.4 marche", name="marche.pdf")
    )
    # An upload as the admin's form stores it: a new picture, with one rendition.
    add_image("Vitrine de Noël")
    day = timezone.localdate()
    for shop in shops:
        add_count(day, shop.pk, "view", amount=7)
    add_search(day, "boulangerie", found=True, amount=3)
    return tmp_path / "media"


@pytest.mark.long_running
def test_a_backup_taken_while_the_site_counts_visits_restores_the_same_site(
    city_site, tmp_path, new_database
):
    archive = tmp_path / "site.tar.gz"
    with shared_database(tmp_path) as database_url:
        source = site(database_url, city_site)
        with Server(source) as server:
            shops = list(ShopPage.objects.live().order_by("pk").values_list("pk", flat=True))
            assert {server.count_visit(shop) for shop in shops[:10]} == {204}
            before = probe(source, "inventory")
            counter = VisitCounter(server, shops)
            counter.start()
            try:
                counter.wait_for_visits(5)
                counted_before_backup = counter.counted()
                backup = manage(source, "backup_site", str(archive))
                counted_when_backup_ended = counter.counted()
            finally:
                counter.stop()
            after = probe(source, "inventory")

    assert backup.returncode == 0, backup.stderr
    assert counter.statuses == Counter({204: counter.counted()}), "a visit was refused"
    assert counted_when_backup_ended > counted_before_backup, "no visit during the backup"
    assert after["daily_counts"] == before["daily_counts"] + counter.counted()

    restored_media = tmp_path / "restored-media"
    restored = site(new_database("restored"), restored_media)
    restore = manage(restored, "restore_site", str(archive))
    assert restore.returncode == 0, restore.stderr
    found = probe(restored, "inventory", "--serve", "--new-renditions")

    # Pages: titles, URL paths, live and latest revisions.
    assert found["pages"] == before["pages"]
    assert set(found["served"].values()) == {200}
    # Images, the uploaded one included, with the same bytes; their renditions' files.
    assert found["images"] == before["images"]
    assert "Vitrine de Noël" in [title for title, _, _ in found["images"]]
    assert found["renditions"] == before["renditions"]
    assert found["missing_renditions"] == []
    assert found["new_renditions"]
    assert all(found["new_renditions"])
    # Counts: every visit counted before the backup began, none counted after it ended.
    assert found["daily_counts"] >= before["daily_counts"] + counted_before_backup
    assert found["daily_counts"] <= before["daily_counts"] + counted_when_backup_ended
    assert found["daily_searches"] == before["daily_searches"]
    # Documents, with the same bytes.
    assert found["documents"] == before["documents"]


# --- Refusals ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _small_archive_file(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once for the module: its tests only read it (or copies of it)."""
    archive = tmp_path_factory.mktemp("small-archive") / "small.tar"
    with django_db_blocker.unblock(), committed_then_undone():
        StandardPageFactory(title="Page sauvegardée")
        image = ImageFactory(title="Image sauvegardée")
        call_command("backup_site", str(archive), stdout=io.StringIO())
        image.file.delete(save=False)
    return archive


@pytest.fixture
def small_archive(_small_archive_file, db):
    """A backup of the test database (committed, so pg_dump sees it) with one page and
    one uploaded image. The rows were taken away after the backup, and the migrated ones
    put back, so the tests find the database as any other test does."""
    return _small_archive_file


def rewritten(archive, target, change):
    """A copy of `archive` through `change(members)`, where members is a list of
    [name, bytes] with the manifest decoded as a dict."""
    members = []
    with tarfile.open(archive) as tar:
        for info in tar:
            data = tar.extractfile(info).read()
            members.append([info.name, json.loads(data) if info.name == "manifest.json" else data])
    change(members)
    with tarfile.open(target, "w") as tar:
        for name, data in members:
            if isinstance(data, dict):
                data = json.dumps(data).encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def manifest_of(members):
    return next(data for name, data in members if name == "manifest.json")


def restore_into_empty_site(tmp_path, new_database, archive, *options):
    """Runs restore_site into a new empty database and media folder; returns the result,
    the database's URL and the media folder."""
    media = tmp_path / "target-media"
    environment = site(new_database("target"), media)
    return manage(environment, "restore_site", str(archive), *options), environment, media


def test_restore_refuses_a_database_that_is_not_empty(small_archive):
    # The archive's rows are not left behind for the tests (tests/shared_database.py).
    assert not Page.objects.filter(title="Page sauvegardée").exists()
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_site", str(small_archive), stdout=io.StringIO())

    assert Page.objects.count() == pages


def test_restore_refuses_a_media_folder_that_is_not_empty(small_archive, tmp_path, new_database):
    media = tmp_path / "target-media"
    media.mkdir()
    (media / "kept.txt").write_text("mine")
    environment = site(new_database("target"), media)

    result = manage(environment, "restore_site", str(small_archive))

    assert result.returncode != 0
    assert "media folder" in result.stderr
    assert "is not empty" in result.stderr
    assert tables(environment["DATABASE_URL"]) == set()
    assert files_in(media) == ["kept.txt"]


def test_restore_with_force_replaces_a_database_that_is_not_empty(
    small_archive, tmp_path, new_database
):
    media = tmp_path / "target-media"
    environment = site(new_database("target"), media)
    add_table(environment["DATABASE_URL"], "stale_leftover")
    (media / "kept.txt").write_text("mine")

    result = manage(environment, "restore_site", str(small_archive), "--force")

    assert result.returncode == 0, result.stderr
    found = tables(environment["DATABASE_URL"])
    assert "stale_leftover" not in found
    assert "wagtailcore_page" in found
    titles = [title for _, title, *_ in probe(environment, "inventory")["pages"]]
    assert "Page sauvegardée" in titles
    assert "kept.txt" in files_in(media)


def test_restore_refuses_an_archive_whose_file_was_altered(small_archive, tmp_path, new_database):
    def alter_the_image(members):
        member = next(member for member in members if member[0].startswith("media/"))
        member[1] = member[1][:-1] + bytes([member[1][-1] ^ 1])

    altered = rewritten(small_archive, tmp_path / "altered.tar", alter_the_image)

    result, environment, media = restore_into_empty_site(tmp_path, new_database, altered)

    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
    assert tables(environment["DATABASE_URL"]) == set()
    assert files_in(media) == []


def test_restore_refuses_a_file_outside_the_media_folder(small_archive, tmp_path, new_database):
    def add_an_escaping_file(members):
        members.insert(0, ["media/../../escaped.txt", b"outside"])
        manifest_of(members)["files"]["media/../../escaped.txt"] = {
            "size": 7,
            "sha256": hashlib.sha256(b"outside").hexdigest(),
        }

    escaping = rewritten(small_archive, tmp_path / "escaping.tar", add_an_escaping_file)

    result, environment, media = restore_into_empty_site(tmp_path, new_database, escaping)

    assert result.returncode != 0
    assert "unsafe name" in result.stderr
    assert not (tmp_path / "escaped.txt").exists()
    assert not (media.parent.parent / "escaped.txt").exists()
    assert tables(environment["DATABASE_URL"]) == set()


def test_restore_refuses_an_archive_of_the_other_database_engine(small_archive, tmp_path):
    def swap_engine(members):
        other, file = (
            ("sqlite", "database.sqlite3") if POSTGRESQL else ("postgresql", "database.pgdump")
        )
        manifest = manifest_of(members)
        manifest["files"][file] = manifest["files"].pop(manifest["database"]["file"])
        members[0][0] = manifest["database"]["file"] = file
        manifest["database"]["engine"] = other

    other = rewritten(small_archive, tmp_path / "other.tar", swap_engine)

    with pytest.raises(CommandError, match="Restoring across engines is not supported"):
        call_command("restore_site", str(other), stdout=io.StringIO())


def test_restore_refuses_a_backup_made_by_newer_code(small_archive, tmp_path):
    def add_a_future_migration(members):
        manifest_of(members)["migrations"].append("home.9999_from_the_future")

    newer = rewritten(small_archive, tmp_path / "newer.tar", add_a_future_migration)

    with pytest.raises(CommandError, match=r"made by a newer Vitrine.*home\.9999_from_the_future"):
        call_command("restore_site", str(newer), stdout=io.StringIO())


def test_restore_refuses_an_archive_cut_short(small_archive, tmp_path):
    cut = tmp_path / "cut.tar"
    cut.write_bytes(small_archive.read_bytes()[: small_archive.stat().st_size // 2])

    with pytest.raises(CommandError, match=r"not a backup archive|no readable manifest"):
        call_command("restore_site", str(cut), stdout=io.StringIO())


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("pas une sauvegarde")

    with pytest.raises(CommandError, match="is not a backup archive"):
        call_command("restore_site", str(notes), stdout=io.StringIO())


def test_backup_never_overwrites_an_existing_file(db, tmp_path):
    archive = tmp_path / "site.tar"
    archive.write_text("an older backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_site", str(archive), stdout=io.StringIO())

    assert archive.read_text() == "an older backup"


def test_backup_refuses_to_write_into_the_public_media_folder(db):
    archive = Path(settings.MEDIA_ROOT) / "site.tar"

    with pytest.raises(CommandError, match="inside the media folder"):
        call_command("backup_site", str(archive), stdout=io.StringIO())

    assert not archive.exists()


def test_backup_holds_the_database_the_uploaded_files_and_their_manifest(small_archive):
    with tarfile.open(small_archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = tar.getnames()

    image_files = [name for name in names if name.startswith("media/original_images/")]
    assert image_files
    assert set(names) == {*manifest["files"], "manifest.json"}
    assert names[-1] == "manifest.json"
    assert manifest["database"]["engine"] == ("postgresql" if POSTGRESQL else "sqlite")
    assert "wagtailcore.0001_initial" in manifest["migrations"]


def test_backup_of_a_site_with_uploads_elsewhere_holds_the_database_only(
    transactional_db, django_db_serialized_rollback, tmp_path
):
    ImageFactory(title="Image sur S3")
    archive = tmp_path / "database-only.tar"

    manifest = create_backup(archive, storage=InMemoryStorage())

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert manifest["media"]["included"] is False
    assert "InMemoryStorage" in manifest["media"]["storage"]
    assert not [name for name in names if name.startswith("media/")]
    assert manifest["database"]["file"] in names


def test_restore_refuses_files_for_a_site_whose_uploads_are_elsewhere(small_archive):
    with pytest.raises(BackupError, match="not on local disk"):
        restore_backup(small_archive, storage=InMemoryStorage())
