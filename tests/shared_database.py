"""The test's database, for processes of their own (gunicorn, `manage.py` commands)."""

import os
import sqlite3
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.db import connection


@contextmanager
def shared_database(folder):
    """The URL of this test's database for other processes. A PostgreSQL test database is
    one already; SQLite's is in memory, so it is copied to a file (on a local disk, as
    WAL requires) and what the other processes wrote is copied back at the end.

    The test's data must be committed for the other processes to see it: use it in a
    transactional test (`django_db(transaction=True, serialized_rollback=True)`)."""
    if connection.vendor == "postgresql":
        url = urlsplit(os.environ["DATABASE_URL"])
        yield url._replace(path="/" + connection.settings_dict["NAME"]).geturl()
        return
    path = folder / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    yield f"sqlite:///{path}"
    with sqlite3.connect(path) as written:
        written.backup(connection.connection)


@contextmanager
def committed_then_undone():
    """Rows written in the block are committed (other processes, pg_dump, see them), for a
    fixture wider than a test, outside any test's transaction. On leaving, the database
    is emptied and the migrated rows put back, as after a transactional test and its
    serialized rollback (the rows serialized when the test database was made; serialized
    here first when no test of the run asked for them)."""
    from django.core.management import call_command

    migrated = getattr(connection, "_test_serialized_contents", None)
    if migrated is None:
        migrated = connection.creation.serialize_db_to_string()
    try:
        yield
    finally:
        # As Django's TransactionTestCase flushes before a serialized rollback: without
        # post_migrate's content types and permissions, which the migrated rows hold, and
        # with the sequences left where they are, past the ids those rows keep.
        call_command(
            "flush",
            interactive=False,
            verbosity=0,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        connection.creation.deserialize_db_from_string(migrated)
