"""Two-factor authentication: enrolment, the code after the password, backup codes,
the requirement for staff, and turning it off."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from logins import two_factor

SETUP = reverse("logins_two_factor_setup")
VERIFY = reverse("logins_two_factor_verify")
HOME = reverse("wagtailadmin_home")


def code_at(device, drift):
    digits = device.digits
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=digits, drift=drift):06d}"


def current_code(device):
    """What the person's phone shows now."""
    return code_at(device, device.drift)


def wrong_code(device):
    """A code no time step the device tolerates would accept."""
    tolerated = range(device.drift - device.tolerance - 1, device.drift + device.tolerance + 2)
    accepted = {code_at(device, drift) for drift in tolerated}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in accepted)


def enrolled(user):
    """`user` with a confirmed app, as after the set-up; returns the device."""
    device = two_factor.start_enrolment(user)
    assert two_factor.confirm_enrolment(device, current_code(device)) is not None
    device.refresh_from_db()
    # The enrolment used this time step's code; a login tests the next one honestly.
    device.last_t = -1
    device.save()
    return device


def test_setup_shows_a_qr_code_drawn_here_and_the_key_to_type(client, staff):
    client.force_login(staff)
    page = client.get(SETUP).content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert 'src="data:image/svg+xml;base64,' in page
    assert two_factor.secret_for_typing(device) in page
    assert "<script" not in page.split('id="main"')[-1]  # the form needs no JavaScript


def test_reloading_the_setup_keeps_the_same_key(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_enrolment_with_the_apps_code_turns_it_on_and_shows_ten_backup_codes(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(SETUP, {"code": current_code(device)})
    assert response.status_code == 200
    codes = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert two_factor.is_enabled(staff)


def test_enrolment_with_a_wrong_code_leaves_it_off(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(SETUP, {"code": wrong_code(device)})
    assert "Ce code ne correspond pas" in response.content.decode()
    assert not two_factor.is_enabled(staff)


def test_after_the_password_the_admin_waits_for_the_code(client, staff, log_in):
    device = enrolled(staff)
    assert log_in(client, "equipe").status_code == 302
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    response = client.post(
        VERIFY, {"code": current_code(device), "next": reverse("wagtailadmin_explore_root")}
    )
    assert response.url == reverse("wagtailadmin_explore_root")
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, staff, log_in):
    device = enrolled(staff)
    log_in(client, "equipe")
    response = client.post(VERIFY, {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Ce code n’est pas valable" in response.content.decode()
    assert client.get(HOME).url.startswith(VERIFY)


def test_each_wrong_code_lengthens_the_wait_before_the_next(client, staff, log_in):
    device = enrolled(staff)
    log_in(client, "equipe")
    client.post(VERIFY, {"code": wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_after_many_wrong_codes_even_the_right_one_waits_and_the_page_says_how_long(
    client, staff, log_in
):
    device = enrolled(staff)
    device.throttling_failure_count = 10  # the next try waits 2**9 s
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    log_in(client, "equipe")
    response = client.post(VERIFY, {"code": current_code(device)})
    assert re.search(r"attendez \d+ s", response.content.decode())
    assert client.get(HOME).url.startswith(VERIFY)


def test_a_backup_code_replaces_the_app_once(client, other_client, staff, log_in):
    enrolled(staff)
    (code, *_rest) = StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    log_in(client, "equipe")
    assert client.post(VERIFY, {"code": code.upper()}).url == HOME
    assert client.get(HOME).status_code == 200
    log_in(other_client, "equipe")
    other_client.post(VERIFY, {"code": code})
    assert other_client.get(HOME).url.startswith(VERIFY)


def test_the_code_page_does_not_send_people_to_another_site(client, staff, log_in):
    device = enrolled(staff)
    log_in(client, "equipe")
    response = client.post(
        VERIFY, {"code": current_code(device), "next": "https://ailleurs.example/"}
    )
    assert response.url == HOME


def test_without_two_factor_the_password_is_enough(client, staff, log_in):
    log_in(client, "equipe")
    assert client.get(HOME).status_code == 200


# --- The requirement ---------------------------------------------------------------


@override_settings(STAFF_REQUIRE_2FA=True)
def test_required_staff_without_an_app_are_sent_to_set_it_up_first(client, staff):
    client.force_login(staff)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response.url.startswith(SETUP)
    assert client.get(response.url).status_code == 200


@override_settings(STAFF_REQUIRE_2FA=True)
def test_required_staff_reach_the_admin_once_enrolled(client, staff):
    client.force_login(staff)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff)
    client.post(SETUP, {"code": current_code(device)})
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200


@override_settings(STAFF_REQUIRE_2FA=True)
def test_required_staff_cannot_turn_it_off(client, staff):
    client.force_login(staff)
    device = enrolled(staff)
    client.get(SETUP)
    client.post(VERIFY, {"code": current_code(device)})
    backup = StaticToken.objects.filter(device__user=staff).first().token
    client.post(reverse("logins_two_factor_disable"), {"code": backup})
    assert two_factor.is_enabled(staff)


@override_settings(STAFF_REQUIRE_2FA=True)
def test_the_requirement_does_not_apply_to_merchants(client, editor):
    client.force_login(editor)
    assert client.get(HOME).status_code == 200


@override_settings(STAFF_REQUIRE_2FA=False)
def test_without_the_requirement_staff_are_not_sent_to_set_up(client, staff):
    client.force_login(staff)
    assert client.get(HOME).status_code == 200


# --- Merchants opt in; turning it off; recovering ---------------------------------


def test_a_merchant_may_opt_in_and_is_then_asked_for_the_code(client, other_client, editor, log_in):
    client.force_login(editor)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    client.post(SETUP, {"code": current_code(device)})
    log_in(other_client, "beffroi")
    assert other_client.get(HOME).url.startswith(VERIFY)


def test_the_account_page_links_to_two_factor(client, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("logins_two_factor") in page


def test_turning_it_off_needs_a_current_code(client, editor, log_in):
    device = enrolled(editor)
    log_in(client, "beffroi")
    client.post(VERIFY, {"code": current_code(device)})
    disable = reverse("logins_two_factor_disable")
    client.post(disable, {"code": wrong_code(device)})
    assert two_factor.is_enabled(editor)
    backup = StaticToken.objects.filter(device__user=editor).first().token
    client.post(disable, {"code": backup})
    assert not two_factor.is_enabled(editor)


def test_new_backup_codes_replace_the_old_ones(client, editor, log_in):
    device = enrolled(editor)
    old = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    log_in(client, "beffroi")
    client.post(VERIFY, {"code": current_code(device)})
    client.post(reverse("logins_two_factor_backup_codes"))
    new = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(new) == 10
    assert not old & new


def test_staff_turn_off_a_lost_phone_with_a_command(client, staff, log_in):
    enrolled(staff)
    call_command("disable_two_factor", "equipe", stdout=io.StringIO())
    log_in(client, "equipe")
    assert client.get(HOME).status_code == 200


def test_the_command_names_an_unknown_account(db):
    with pytest.raises(Exception, match="No account"):
        call_command("disable_two_factor", "personne", stdout=io.StringIO())


def test_anonymous_visits_do_not_load_the_session_for_the_two_factor_check(client, db):
    """Otherwise every public page would vary on the cookie, for the front cache too."""
    response = client.get("/robots.txt")
    assert "Cookie" not in response.headers.get("Vary", "")
