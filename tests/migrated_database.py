"""Test databases made from a database migrated once, rather than migrated by every
test process.

Running the migrations (Wagtail's and the apps', over two hundred) costs each pytest
worker 12 to 20 seconds of CPU before its first test, and `make test` starts six of
them (two a suite). `make test` instead migrates one SQLite file and one PostgreSQL
database while the linters run (`scripts/migrate-test-copies`), and names them in the
environment:

- VITRINE_MIGRATED_SQLITE, the path of the SQLite file: each test database (in memory)
  is filled from it through SQLite's backup API;
- VITRINE_MIGRATED_TEMPLATE, the name of the PostgreSQL database: each test database
  is created from it (`CREATE DATABASE … TEMPLATE`).

Both were made by `manage.py migrate` with the test settings, which is what Django's
test runner runs (post_migrate receivers included); nothing else writes to them. Without
these variables (pytest run by hand), the test database is migrated as usual.
"""

import os
import sqlite3

from django.conf import settings

SQLITE_COPY = "VITRINE_MIGRATED_SQLITE"
POSTGRESQL_TEMPLATE = "VITRINE_MIGRATED_TEMPLATE"


def migrated_copy(connection):
    """The migrated database this connection's test database can be made from, or None."""
    if connection.vendor == "sqlite":
        return os.environ.get(SQLITE_COPY) or None
    if connection.vendor == "postgresql":
        return os.environ.get(POSTGRESQL_TEMPLATE) or None
    return None


def create_from_copy(creation, create_test_db):
    """`creation.create_test_db` (Django's, passed as `create_test_db`), making the test
    database from the migrated copy when there is one."""

    def create(verbosity=1, autoclobber=False, serialize=None, keepdb=False):
        connection = creation.connection
        copy = migrated_copy(connection)
        if copy is None or keepdb or serialize is not None:
            return create_test_db(
                verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb
            )
        name = creation._get_test_db_name()
        if connection.vendor == "postgresql":
            connection.settings_dict["TEST"]["TEMPLATE"] = copy
        creation._create_test_db(verbosity, autoclobber, keepdb)
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # Read-only: a copy gone missing raises rather than giving an empty database.
            with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as migrated:
                migrated.backup(connection.connection)
            migrated.close()
        return name

    return create


def reload_through_backups(connection):
    """On SQLite, have the serialized rollback (the migrated rows put back at the start
    of a transactional test, after the previous one emptied the database) restore a
    copy of the migrated database taken now, through SQLite's backup API, instead of
    saving each serialized row again through the ORM: half a second at every browser
    test, an eighth of that suite's time. Call it once the test database is set up,
    when it holds exactly what was serialized. Returns a function that undoes it."""
    serialized = getattr(connection, "_test_serialized_contents", None)
    if connection.vendor != "sqlite" or serialized is None:
        return lambda: None
    creation = connection.creation
    deserialize = creation.deserialize_db_from_string
    connection.ensure_connection()
    migrated = sqlite3.connect(":memory:")
    connection.connection.backup(migrated)

    def reload(data):
        if data is not serialized:  # rows of another origin: loaded as Django does
            deserialize(data)
            return
        connection.ensure_connection()
        migrated.backup(connection.connection)

    creation.deserialize_db_from_string = reload

    def undo():
        creation.deserialize_db_from_string = deserialize
        migrated.close()

    return undo
