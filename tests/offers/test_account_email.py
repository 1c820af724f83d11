"""One account per e-mail address, and an address that changes only once confirmed
from its mailbox: what the database, the account settings, the confirmation link and
staff's user admin each refuse."""

import html
import importlib
import re
import time

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.urls import reverse
from wagtail.admin.forms.account import NameEmailForm
from wagtail.test.utils.form_data import querydict_from_html

from offers import accounts
from offers.user_admin import email_changes_are_confirmed

User = get_user_model()
unique_email_migration = importlib.import_module("offers.migrations.0006_unique_account_email")


def text_of(response):
    return html.unescape(response.content.decode())


# --- The database -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_second_account_with_the_same_address_in_another_case():
    User.objects.create_user("a", email="marchand-b@example.be")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("b", email="MARCHAND-B@Example.BE")


@pytest.mark.django_db
def test_accounts_without_an_address_are_not_limited():
    User.objects.create_user("a", email="")
    User.objects.create_user("b", email="")
    assert User.objects.filter(email="").count() == 2


@pytest.mark.django_db
def test_the_migration_stops_on_shared_addresses_and_names_their_accounts():
    with connection.cursor() as cursor:  # as before the migration (rolled back after)
        cursor.execute(f"DROP INDEX {unique_email_migration.CONSTRAINT_NAME}")
    User.objects.create_user("premier", email="partage@example.be")
    User.objects.create_user("second", email="Partage@Example.be")
    User.objects.create_user("seul", email="seul@example.be")
    with pytest.raises(RuntimeError) as refusal:
        unique_email_migration.add_constraint(apps, schema_editor=None)
    assert "partage@example.be: premier, second" in str(refusal.value)
    assert "seul" not in str(refusal.value)


# --- Asking for a new address in the account settings --------------------------------


def account_settings_data(client, **changes):
    data = querydict_from_html(
        client.get(reverse("wagtailadmin_account")).content.decode(), form_id="w-editor-form"
    )
    for name, value in changes.items():
        data[name] = value
    return data


def post_account_settings(client, email, django_capture_on_commit_callbacks):
    data = account_settings_data(client, **{"email_change-email": email})
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("wagtailadmin_account"), data)


def confirmation_path(message):
    url = re.search(r"http\S+/compte/adresse/\S+/", message.body).group(0)
    return url.removeprefix("http://testserver")


def test_wagtails_own_account_form_sets_no_address(db):
    assert "email" not in NameEmailForm(instance=User()).fields


def test_turning_wagtails_immediate_address_change_back_on_fails_the_system_checks():
    with override_settings(WAGTAIL_EMAIL_MANAGEMENT_ENABLED=True):
        assert [error.id for error in email_changes_are_confirmed(None)] == ["offers.E001"]
    assert email_changes_are_confirmed(None) == []


def test_a_new_address_is_only_requested_and_both_mailboxes_are_told(
    client, merchant_a, django_capture_on_commit_callbacks
):
    client.force_login(merchant_a.user)
    mail.outbox.clear()
    response = post_account_settings(
        client, "nouvelle@example.be", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"
    confirmation, notice = mail.outbox
    assert confirmation.to == ["nouvelle@example.be"]
    assert "/compte/adresse/" in confirmation.body
    assert notice.to == ["marchand-a@example.be"]
    assert "nouvelle@example.be" in notice.body
    assert "/compte/adresse/" not in notice.body


def test_the_account_settings_refuse_another_accounts_address_in_any_case(
    client, merchant_a, merchant_b, django_capture_on_commit_callbacks
):
    client.force_login(merchant_a.user)
    mail.outbox.clear()
    response = post_account_settings(
        client, "MARCHAND-B@Example.BE", django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "déjà celle d'un autre compte" in text_of(response)
    assert mail.outbox == []


def test_keeping_ones_address_sends_nothing(client, merchant_a, django_capture_on_commit_callbacks):
    client.force_login(merchant_a.user)
    mail.outbox.clear()
    response = post_account_settings(
        client, "marchand-a@example.be", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert mail.outbox == []


# --- Following the link ---------------------------------------------------------------


@pytest.fixture
def link_for_a(client, merchant_a, django_capture_on_commit_callbacks):
    """Merchant A, logged in, has asked for nouvelle@example.be: the link's path."""
    client.force_login(merchant_a.user)
    mail.outbox.clear()
    post_account_settings(client, "nouvelle@example.be", django_capture_on_commit_callbacks)
    return confirmation_path(mail.outbox[0])


def test_following_the_link_asks_to_confirm_and_changes_nothing_yet(client, merchant_a, link_for_a):
    response = client.get(link_for_a)
    assert response.status_code == 200
    assert "nouvelle@example.be" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


def test_confirming_from_the_link_changes_the_address(client, merchant_a, link_for_a):
    response = client.post(link_for_a)
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_account"))
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "nouvelle@example.be"


def test_the_link_works_once(client, merchant_a, link_for_a):
    client.post(link_for_a)
    response = client.post(link_for_a)
    assert response.status_code == 400
    assert "déjà servi" in text_of(response)


def test_the_link_does_nothing_for_another_account(client, merchant_a, merchant_b, link_for_a):
    client.force_login(merchant_b.user)
    for response in (client.get(link_for_a), client.post(link_for_a)):
        assert response.status_code == 403
        assert "autre compte" in text_of(response)
    merchant_a.user.refresh_from_db()
    merchant_b.user.refresh_from_db()
    assert (merchant_a.user.email, merchant_b.user.email) == (
        "marchand-a@example.be",
        "marchand-b@example.be",
    )


def test_the_link_sends_a_visitor_to_log_in_first(client, merchant_a, link_for_a):
    client.logout()
    response = client.post(link_for_a)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


def test_a_forged_link_is_refused(client, merchant_a, link_for_a):
    token = link_for_a.rstrip("/").rsplit("/", 1)[1]
    forged = signing.loads(token, salt="offers.accounts.email-change")
    forged["to"] = "pirate@example.be"
    forged_token = signing.dumps(forged, salt="not-the-right-salt")
    for path in (
        reverse("offers_confirm_email", args=[forged_token]),
        reverse("offers_confirm_email", args=[token[:-2] + "xx"]),
    ):
        response = client.post(path)
        assert response.status_code == 400
        assert "n'est pas valable" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


@pytest.mark.django_db
def test_an_expired_link_is_refused(client, merchant_a, monkeypatch, settings):
    client.force_login(merchant_a.user)
    with monkeypatch.context() as clock:
        clock.setattr(time, "time", lambda: 1_000_000_000.0)  # 2001: long expired
        path = reverse(
            "offers_confirm_email",
            args=[accounts.email_change_token(merchant_a.user, "nouvelle@example.be")],
        )
    response = client.post(path)
    assert response.status_code == 400
    assert "expiré" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


def test_of_two_accounts_asking_for_one_address_the_first_to_confirm_gets_it(
    client, merchant_a, merchant_b, link_for_a, django_capture_on_commit_callbacks
):
    client.force_login(merchant_b.user)
    mail.outbox.clear()
    post_account_settings(client, "NOUVELLE@example.be", django_capture_on_commit_callbacks)
    link_for_b = confirmation_path(mail.outbox[0])
    client.force_login(merchant_a.user)
    client.post(link_for_a)
    client.force_login(merchant_b.user)
    response = client.post(link_for_b)
    assert response.status_code == 400
    assert "déjà celle d'un autre compte" in text_of(response)
    merchant_b.user.refresh_from_db()
    assert merchant_b.user.email == "marchand-b@example.be"


def test_an_address_another_account_takes_while_confirming_is_refused(
    client, merchant_a, link_for_a, address_claimed_meanwhile
):
    address_claimed_meanwhile("nouvelle@example.be")
    response = client.post(link_for_a)
    assert response.status_code == 400
    assert "déjà celle d'un autre compte" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


# --- Staff's user admin ---------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", email="admin@ville.example", password="x")


def new_account_data(email):
    return {
        "username": "nouveau",
        "email": email,
        "first_name": "Nouveau",
        "last_name": "Compte",
        "password1": "Un-mot-de-passe-solide-42",
        "password2": "Un-mot-de-passe-solide-42",
    }


def edit_account_data(client, user, **changes):
    page = client.get(reverse("wagtailusers_users:edit", args=[user.pk]))
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return data


def test_staff_cannot_create_an_account_with_an_existing_address_in_another_case(
    client, superuser, merchant_a
):
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailusers_users:add"), new_account_data("Marchand-A@EXAMPLE.be")
    )
    assert response.status_code == 200
    assert "déjà celle d'un autre compte" in text_of(response)
    assert not User.objects.filter(username="nouveau").exists()


def test_staff_cannot_give_an_account_another_accounts_address(
    client, superuser, merchant_a, merchant_b
):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:edit", args=[merchant_a.user.pk])
    response = client.post(
        url, edit_account_data(client, merchant_a.user, email="MARCHAND-B@Example.BE")
    )
    assert response.status_code == 200
    assert "déjà celle d'un autre compte" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


def test_staff_save_an_account_that_keeps_its_address(client, superuser, merchant_a):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:edit", args=[merchant_a.user.pk])
    response = client.post(url, edit_account_data(client, merchant_a.user, first_name="Léa"))
    assert response.status_code == 302
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.first_name == "Léa"


def test_an_address_another_account_takes_while_staff_save_is_a_form_error(
    client, superuser, merchant_a, address_claimed_meanwhile
):
    client.force_login(superuser)
    url = reverse("wagtailusers_users:edit", args=[merchant_a.user.pk])
    data = edit_account_data(client, merchant_a.user, email="libre@example.be")
    address_claimed_meanwhile("libre@example.be")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "déjà celle d'un autre compte" in text_of(response)
    merchant_a.user.refresh_from_db()
    assert merchant_a.user.email == "marchand-a@example.be"


def test_an_address_another_account_takes_while_staff_create_one_is_a_form_error(
    client, superuser, address_claimed_meanwhile
):
    client.force_login(superuser)
    address_claimed_meanwhile("libre@example.be")
    response = client.post(reverse("wagtailusers_users:add"), new_account_data("libre@example.be"))
    assert response.status_code == 200
    assert "déjà celle d'un autre compte" in text_of(response)
    assert not User.objects.filter(username="nouveau").exists()
