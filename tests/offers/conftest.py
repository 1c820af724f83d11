"""Fixtures of the offers tests: a site with its /offres/ feed, and an e-mail address
claimed by another account at the worst moment. (The merchants, `merchant_a`,
`merchant_b` and `staff_user`, are in tests/conftest.py: the insights tests use them
too.)"""

import pytest
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import pre_save
from django.utils import timezone

from tests.factories import HomePageFactory, OffersPageFactory


@pytest.fixture
def offers_site(db):
    """A home page as the default site's root, with the offers feed at /offres/."""
    home = HomePageFactory()
    return OffersPageFactory(parent=home, slug="offres")


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
