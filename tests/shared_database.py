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
