"""Tests of the demo content (`seed_demo`), which `make run` shows.

The demo is put in place once for all this package's modules (per test process;
tests/demo_database.py), and gone after the package's last test; each test still runs
in a savepoint of its own."""

import pytest

from tests import demo_database


@pytest.fixture(scope="package")
def _demo_for_this_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_database.demo_content():
        yield
