"""Failed logins are throttled per account and address, then per address."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

WRONG = "pas-le-bon-mot-de-passe"


def logged_in(client):
    return "_auth_user_id" in client.session


def fail(log_in, client, username, times, address="127.0.0.1"):
    for _ in range(times):
        log_in(client, username, WRONG, address=address)


def test_four_failures_still_let_the_right_password_in(client, admin_user, log_in):
    fail(log_in, client, "admin", 4)
    assert log_in(client, "admin").status_code == 302
    assert logged_in(client)


def test_after_five_failures_the_right_password_is_refused_with_a_french_message(
    client, admin_user, log_in
):
    fail(log_in, client, "admin", 5)
    response = log_in(client, "admin")
    assert response.status_code == 429
    assert not logged_in(client)
    page = response.content.decode()
    assert "Trop de tentatives de connexion ont échoué" in page
    assert 'role="alert"' in page
    # Wagtail's own login form, to try again later, not a bare error page.
    assert 'name="password"' in page


def test_the_lockout_page_keeps_the_admins_own_csp(client, admin_user, log_in):
    fail(log_in, client, "admin", 5)
    response = log_in(client, "admin")
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]


def test_the_lockout_message_says_until_when(client, admin_user, log_in):
    fail(log_in, client, "admin", 5)
    before = timezone.localtime(timezone.now() + timedelta(minutes=15))
    page = log_in(client, "admin").content.decode()
    after = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert f"jusqu’à {time_format(before, 'H:i')}" in page or (
        f"jusqu’à {time_format(after, 'H:i')}" in page
    )


def test_the_lock_ends_once_the_lockout_time_has_passed(client, admin_user, log_in):
    fail(log_in, client, "admin", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "admin").status_code == 302
    assert logged_in(client)


def test_another_account_from_the_same_address_is_unaffected(client, admin_user, staff, log_in):
    fail(log_in, client, "admin", 5)
    assert log_in(client, "equipe").status_code == 302


def test_the_same_account_from_another_address_is_unaffected(client, admin_user, log_in):
    fail(log_in, client, "admin", 5, address="203.0.113.7")
    assert log_in(client, "admin", address="198.51.100.9").status_code == 302


def test_username_case_variants_count_as_one_account(client, admin_user, log_in):
    for variant in ["Admin", "ADMIN", " admin", "aDmin", "admiN"]:
        log_in(client, variant, WRONG)
    assert log_in(client, "admin").status_code == 429


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=20)
def test_an_address_is_locked_after_its_own_larger_limit_whatever_the_accounts(
    client, admin_user, log_in
):
    for name in ["alice", "bruno", "chloe", "david", "emma"]:
        fail(log_in, client, name, 4, address="203.0.113.7")  # 20 in all, 4 each
    assert log_in(client, "admin", address="203.0.113.7").status_code == 429
    assert log_in(client, "admin", address="198.51.100.9").status_code == 302


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=20)
def test_an_address_below_its_limit_is_not_locked(client, admin_user, log_in):
    for name in ["alice", "bruno", "chloe", "david"]:
        fail(log_in, client, name, 4, address="203.0.113.7")  # 16
    assert log_in(client, "admin", address="203.0.113.7").status_code == 302


def test_a_successful_login_of_another_account_does_not_reset_the_count(
    client, admin_user, editor, log_in
):
    """Otherwise anyone with an account could guess another's password without end."""
    fail(log_in, client, "admin", 4)
    assert log_in(client, "beffroi").status_code == 302
    client.logout()
    fail(log_in, client, "admin", 1)
    assert log_in(client, "admin").status_code == 429


@override_settings(INSIGHTS_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_the_forwarded_address_is_the_one_counted(client, admin_user, log_in):
    proxy = "10.0.0.2"
    for _ in range(5):
        log_in(client, "admin", WRONG, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    locked = log_in(client, "admin", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    # The proxy's other visitors are not locked out with the guesser.
    other = log_in(client, "admin", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@override_settings(INSIGHTS_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR")
def test_a_forwarded_header_that_is_no_address_counts_the_connection_instead(
    client, admin_user, log_in
):
    response = log_in(client, "admin", WRONG, HTTP_X_FORWARDED_FOR="pas une adresse")
    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["127.0.0.1"]


@pytest.mark.parametrize("username", ["ad\x00min", "a" * 300, ""])
def test_a_strange_username_gets_the_login_form_again(client, db, log_in, username):
    response = log_in(client, username, WRONG)
    assert response.status_code == 200
    assert not logged_in(client)


# --- Unlocking ---------------------------------------------------------------------


def test_staff_see_the_lock_and_unlock_it_from_the_admin(
    client, other_client, admin_user, staff, log_in
):
    fail(log_in, client, "admin", 5)
    other_client.force_login(staff)
    listing = other_client.get(reverse("logins_locked_logins"))
    assert listing.status_code == 200
    assert "Bloqué jusqu’à" in listing.content.decode()
    response = other_client.post(
        reverse("logins_unlock"), {"username": "admin", "address": "127.0.0.1"}
    )
    assert response.status_code == 302
    assert log_in(client, "admin").status_code == 302


def test_staff_unlock_an_address(client, other_client, admin_user, staff, log_in):
    fail(log_in, client, "admin", 5)
    other_client.force_login(staff)
    other_client.post(reverse("logins_unlock"), {"address": "127.0.0.1"})
    assert log_in(client, "admin").status_code == 302


def test_someone_who_is_not_staff_can_neither_see_nor_unlock(
    client, other_client, admin_user, editor, log_in
):
    fail(log_in, client, "admin", 5)
    other_client.force_login(editor)
    listing = other_client.get(reverse("logins_locked_logins"))
    assert listing.status_code != 200
    other_client.post(reverse("logins_unlock"), {"username": "admin", "address": "127.0.0.1"})
    assert log_in(client, "admin").status_code == 429


def test_an_unlock_for_nothing_says_so(client, staff):
    client.force_login(staff)
    response = client.post(reverse("logins_unlock"), {"username": "personne"}, follow=True)
    assert "Rien à débloquer" in response.content.decode()


def test_the_axes_reset_username_command_unlocks(client, admin_user, log_in):
    fail(log_in, client, "admin", 5)
    call_command("axes_reset_username", "admin", stdout=io.StringIO())
    assert log_in(client, "admin").status_code == 302


# --- The password reset form ---------------------------------------------------------

RESET = reverse("wagtailadmin_password_reset")


def test_password_reset_requests_for_one_mailbox_are_throttled(client, staff, mailoutbox):
    for _ in range(5):
        client.post(RESET, {"email": "equipe@ville.example"})
    sent = len(mailoutbox)
    response = client.post(RESET, {"email": "EQUIPE@ville.example"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert len(mailoutbox) == sent


def test_password_reset_requests_do_not_lock_the_account(client, staff, log_in):
    for _ in range(6):
        client.post(RESET, {"email": "equipe@ville.example"})
    assert log_in(client, "equipe").status_code == 302


def test_the_password_reset_form_still_sends_its_email(client, staff, mailoutbox):
    response = client.post(RESET, {"email": "equipe@ville.example"})
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["equipe@ville.example"]]


def test_the_password_reset_form_keeps_the_admins_own_csp(client, db):
    response = client.get(RESET)
    assert response.status_code == 200
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]
