from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test.utils import override_settings
from django.urls import reverse
from wagtail.models import Site

from core.site_url import sync_default_site
from offers import merchants
from tests import demo_database, migrated_database
from tests.clock import FrozenClock
from tests.merchants import Merchant


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Runs before pytest-django creates the test database: have it made from the
    database `make test` migrated beforehand, when there is one (tests/migrated_database.py)."""
    from django.db import connection

    original = connection.creation.create_test_db
    connection.creation.create_test_db = migrated_database.create_from_copy(
        connection.creation, original
    )
    yield
    connection.creation.create_test_db = original


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's, then the serialized rollback made cheaper on SQLite
    (tests/migrated_database.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        undo = migrated_database.reload_through_backups(connection)
    yield
    undo()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests,
    so cached navigation or renditions from another test would be stale."""
    cache.clear()
    yield
    cache.clear()


def _rendering(assert_queries):
    @contextmanager
    def counted(number, **kwargs):
        with override_settings(PAGE_CACHE=False), assert_queries(number, **kwargs) as context:
            yield context

    return counted


# Query budgets are the rendering's: pytest-django's, with the page cache (core.page_cache)
# off inside them, which would answer a page asked for before without any query.
@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    return _rendering(django_assert_num_queries)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    return _rendering(django_assert_max_num_queries)


@pytest.fixture
def clock(monkeypatch):
    """Freezes the time the whole site sees (tests/clock.py: SITE_CLOCK) at Tuesday 24
    November 2026, 10:00 in Brussels. `clock(moment)` moves it to another aware
    datetime; `clock.now` is the frozen moment, `clock.today` its date in Brussels."""
    return FrozenClock(monkeypatch)


# A public address unlike any default: a link that does not come from SITE_URL shows.
PUBLIC_SITE_URL = "https://commerces.example.be"


@pytest.fixture
def public_site_url(settings, db):
    """The site served at PUBLIC_SITE_URL, as on a server: SITE_URL (and Wagtail's admin
    address, derived from it) set, and the default Site record in line, as `migrate`
    leaves it. Returns the address."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = PUBLIC_SITE_URL
    sync_default_site()
    return PUBLIC_SITE_URL


@pytest.fixture
def now(clock):
    """The frozen moment, for tests that only need the site's time to stand still."""
    return clock.now


@pytest.fixture
def log_in():
    """Log in through Wagtail's login form, as a person does (and through the failed-login
    throttle, which `client.login()` skips: it raises for want of a request).
    `log_in(client, username, password)` returns the response: a redirect on success."""

    def log_in(client, username, password, address="127.0.0.1", **headers):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )

    return log_in


@pytest.fixture(scope="module")
def _demo_for_this_module(django_db_setup, django_db_blocker):
    """The demo, in place for the test module (tests/demo_database.py: seeded once per
    process and day) and gone after the module's last test. Each test still runs in a
    savepoint of its own, so what one test changes the next does not see; but a test of
    the module that comes after the first `demo_site` user sees the demo too."""
    with django_db_blocker.unblock(), demo_database.demo_content():
        yield


@pytest.fixture
def demo_site(_demo_for_this_module, db):
    """The demo content, as `make run` shows it; returns the default Site."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def merchant_a(db, django_capture_on_commit_callbacks):
    """A merchant with a shop, an offer and an image (tests/merchants.py)."""
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("A")


@pytest.fixture
def merchant_b(db, merchant_a, django_capture_on_commit_callbacks):
    """Another merchant, with a shop, an offer and an image of their own."""
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("B")


@pytest.fixture
def staff_user(db):
    """A member of the city's staff group (password "secret")."""
    user = get_user_model().objects.create_user(
        "equipe", email="equipe@ville.example", password="secret"
    )
    user.groups.add(Group.objects.get(name=merchants.STAFF_GROUP))
    return user


@pytest.fixture
def purges(settings, django_capture_on_commit_callbacks):
    """A front cache's purge endpoint (tests/front_cache.py), where the site sends its
    purges; `purges.after(change)` runs `change()` and commits (as far as the site's
    on-commit work goes), and returns the keys purged."""
    from core import caching
    from tests.front_cache import PurgeRecorder

    with PurgeRecorder() as recorder:
        settings.FRONT_CACHE_PURGE_URLS = [recorder.url]

        def after(change):
            recorder.clear()
            caching.start_new_batch()
            with django_capture_on_commit_callbacks(execute=True):
                change()
            return recorder.keys

        recorder.after = after
        yield recorder


@pytest.fixture(scope="session", autouse=True)
def _demo_copies():
    yield
    demo_database.forget_copies()


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE']} ({database['NAME']})"


# The fixtures through which a test reaches the database: pytest-django refuses any
# query from a test that has none of them (nor the django_db mark).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def reaches_the_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def is_transactional(item):
    """Whether pytest-django runs `item` as a TransactionTestCase (committing, the
    database emptied at its end), as its own ordering of the tests tells them apart."""
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    transaction = bool(marker) and any(validate_django_db(marker)[:2])
    return transaction or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


# Whether a transactional test has emptied this process's database since the last reload.
_emptied = False


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item):
    """A transactional test ends by emptying the database: Django (and pytest-django)
    run them after every other database test for that reason, and put the migrated
    rows back at the start of the next one that asks (serialized rollback). pytest-xdist's
    work stealing still hands a worker ordinary tests after its transactional ones, when
    it takes them from the other worker's queue: note it, for the next setup."""
    global _emptied
    yield
    if is_transactional(item):
        _emptied = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before an ordinary database test that follows a transactional one, put back the
    rows the database had once migrated (what the next serialized-rollback test would
    load), outside any test transaction."""
    global _emptied
    if not _emptied or is_transactional(item) or not reaches_the_database(item):
        return
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(contents)
    _emptied = False


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "engine_independent(reason): the test reaches the database, but what it checks is "
        "decided in Python whatever the engine; the PostgreSQL run leaves it to SQLite's",
    )
    config.addinivalue_line(
        "markers",
        "long_running: the test takes tens of seconds; it is started first (tests/conftest.py)",
    )


def engine_independent(item):
    """Whether `item` is marked `engine_independent`, which needs its reason: the marks
    are a judgement about what a test exercises, and the next reader must be able to
    check it."""
    marker = item.get_closest_marker("engine_independent")
    if marker is None:
        return False
    if not (marker.args and isinstance(marker.args[0], str) and marker.args[0].strip()):
        raise pytest.UsageError(f"{item.nodeid}: engine_independent needs its reason")
    return True


# After pytest-django's own ordering (ordinary database tests, then transactional ones,
# then those without a database), which it keeps within each part.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, run only the tests whose answer can depend on the engine: not the
    ones that cannot reach the database (pure functions, settings read in a subprocess,
    the architecture; pytest-django enforces it), nor the ones marked
    `engine_independent` (long walks whose checks are Python's, made over queries that
    read the same on every engine). The SQLite run has already given their answer.

    Then start the `long_running` tests first. pytest-django puts the transactional ones
    (the backup's round trip, the concurrent writers) near the end, where a worker
    still running one left the other idle for up to a minute; first, they run while the
    other worker takes the short tests, and the short tests left even out the end. A
    transactional test empties the database, so the ordinary tests after it find the
    migrated rows put back (`pytest_runtest_setup` above)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        for item in items:
            engine_independent(item)  # a mark without its reason fails either run
    else:
        kept = [
            item for item in items if reaches_the_database(item) and not engine_independent(item)
        ]
        if len(kept) < len(items):
            config.hook.pytest_deselected(items=[item for item in items if item not in kept])
            items[:] = kept
    items.sort(key=lambda item: item.get_closest_marker("long_running") is None)
