"""Tests of the demo content (`seed_demo`), which `make run` shows.

Seeding the demo takes seconds, so this package seeds it once for all its modules (per
test process), inside a transaction rolled back after the package's last test; each
test still runs in a savepoint of its own."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def _demo_for_this_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
