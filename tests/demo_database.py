"""The demo content in the test database, seeded once per process and day.

Seeding the demo (`seed_demo`) takes seconds, and a test run needs it in a few dozen
places: each test module of tests/demo, the browser tests, the demo's calendar. On
SQLite the test database is in memory, so the database as seeding left it is kept as an
in-memory copy, and the next place that needs the demo on the same day restores that
copy through SQLite's backup API, in a small fraction of a second. The copy is exactly
what `seed_demo` wrote. On PostgreSQL the demo is seeded each time (in a transaction
rolled back afterwards), as there is no such copy to take in a test.

The content types' ids are those `migrate` gave them in this process's database, which
the copies share: Django's cache of them stays right after a restore, and must not be
cleared (a serialized rollback would then insert them a second time).
"""

import io
import sqlite3
from contextlib import contextmanager

from django.core.management import call_command
from django.db import connection, transaction

from core.clock import today
from tests.indexing import indexed_once
from tests.wide_fixtures import check_deferred_constraints

# The seeded database by what it was seeded for (a day, or a frozen moment).
_copies = {}


def seed():
    """Run `seed_demo` as `make run` does, each page indexed for search once."""
    with indexed_once():
        call_command("seed_demo", force=True, stdout=io.StringIO())


def put_in_place(key=None):
    """Make the test database hold the demo seeded for `key` (today by default),
    committed: restored from the copy taken when it was first seeded, else seeded now.
    Whatever the database held before is replaced (SQLite), or kept beside (PostgreSQL).
    """
    if connection.vendor != "sqlite":
        seed()
        return
    key = today() if key is None else key
    connection.ensure_connection()
    copy = _copies.get(key)
    if copy is None:
        seed()
        copy = _copies[key] = sqlite3.connect(":memory:")
        connection.connection.backup(copy)
        return
    copy.backup(connection.connection)


@contextmanager
def demo_content(key=None):
    """Within the block, the test database holds the demo (`put_in_place`); on leaving
    it, the database is as it was before. For fixtures wider than a test, whose tests
    each run in a transaction of their own on top of it."""
    if connection.vendor != "sqlite":
        with transaction.atomic():
            seed()
            check_deferred_constraints()
            yield
            transaction.set_rollback(True)
        return
    connection.ensure_connection()
    before = sqlite3.connect(":memory:")
    connection.connection.backup(before)
    try:
        put_in_place(key)
        yield
    finally:
        before.backup(connection.connection)
        before.close()


def forget_copies():
    """Close the copies (at the end of the test process)."""
    for copy in _copies.values():
        copy.close()
    _copies.clear()
