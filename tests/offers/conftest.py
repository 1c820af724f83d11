"""Fixtures of the merchant-account tests: two merchants, each with a shop, an offer
and an image, and a member of the staff. (Older modules import the same fixtures from
merchant_fixtures; these are the ones new modules get without importing anything.)"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import pre_save
from django.utils import timezone

from offers import merchants
from tests.offers.merchant_fixtures import Merchant


@pytest.fixture
def merchant_a(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("A")


@pytest.fixture
def merchant_b(db, merchant_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("B")


@pytest.fixture
def staff_user(db):
    user = get_user_model().objects.create_user(
        "equipe", email="equipe@ville.example", password="secret"
    )
    user.groups.add(Group.objects.get(name=merchants.STAFF_GROUP))
    return user


@pytest.fixture
def address_claimed_meanwhile(db):
    """`claim(email)` makes another account take `email` at the worst moment: after the
    code under test has looked the address up and found it free, just before it saves
    it. On PostgreSQL the other account is written and committed by a second database
    connection when the account being saved sends pre_save, as a concurrent request
    would. SQLite runs one write transaction at a time, so there a concurrent claim can
    only have been committed before the transaction under test began: the other
    account is created at once. Returns the username of the other account."""
    claims = []
    table = get_user_model()._meta.db_table
    other = connections.create_connection(DEFAULT_DB_ALIAS)

    def insert(email):
        with other.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (password, is_superuser, username, first_name, "
                "last_name, email, is_staff, is_active, date_joined) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                ["!", False, "autre-compte", "Autre", "Compte", email, False, True, timezone.now()],
            )

    def claim(email):
        if connection.vendor == "sqlite":
            get_user_model().objects.create_user(
                "autre-compte", email=email, first_name="Autre", last_name="Compte"
            )
            return "autre-compte"

        def before_save(sender, instance, **kwargs):
            if not claims and instance.email.lower() == email.lower():
                claims.append(email)
                insert(email)

        pre_save.connect(before_save, sender=get_user_model(), weak=False)
        receivers.append(before_save)
        return "autre-compte"

    receivers = []
    yield claim
    for receiver in receivers:
        pre_save.disconnect(receiver, sender=get_user_model())
    if claims:
        with other.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE username = %s", ["autre-compte"])
    other.close()
