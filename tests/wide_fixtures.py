"""Data that fixtures wider than a test (module, package) build once for many tests."""

from django.db import connection


def check_deferred_constraints():
    """Check, here and once, the foreign keys of the rows written so far.

    A wider fixture writes its rows in a transaction of its own, rolled back after its
    last test, and each test runs in a savepoint on top of it. Foreign keys are checked
    at commit, which never comes; Django's test case checks them at the end of each test
    instead, before rolling the test's savepoint back. On PostgreSQL, rolling back to a
    savepoint marks the checks run since as not run: the fixture's rows, left
    unchecked, are checked again at the end of every test on top of them (36 ms a test
    on the demo). Checked here, at the fixture's level, they stay checked."""
    connection.check_constraints()
