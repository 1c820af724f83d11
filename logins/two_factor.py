"""Two-factor authentication with django-otp: an authenticator app (TOTP) and ten
backup codes, for anyone who turns it on, and for staff when STAFF_REQUIRE_2FA says so.

A session that logged in with a password but has not given a code yet is "not
verified" (django-otp's OTPMiddleware); logins.middleware keeps it to the code page.
"""

import base64
import io

import django_otp
import qrcode
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from offers import merchants

BACKUP_CODES = 10
APP_CODE_DIGITS = 6  # TOTPDevice's default, what every authenticator app shows
APP_DEVICE_NAME = "Application"
BACKUP_DEVICE_NAME = "Codes de secours"


def is_enabled(user):
    """Whether `user` has a confirmed authenticator app, so every login asks a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required(user):
    """Whether `user` must turn it on before reaching the admin: staff, when the
    STAFF_REQUIRE_2FA setting says so. Merchants may, but need not."""
    return settings.STAFF_REQUIRE_2FA and merchants.is_staff_member(user)


def start_enrolment(user):
    """The app device being set up for `user`, unconfirmed until a first code proves the
    app has it. The same one on every reload, so the QR code does not change under the
    person scanning it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_typing(device):
    """The device's key in base32, in groups of four: what to type into an app that
    cannot scan."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The key as a QR code, an SVG drawn here (no third-party request), as a data URI
    for an <img> (the admin's CSP allows data: images). One path on a white ground with
    its quiet zone: django-otp's own drawing leaves hairlines between the squares and no
    ground, which phones read badly in a dark theme."""
    buffer = io.BytesIO()
    qrcode.make(device.config_url, image_factory=SvgPathFillImage).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def clean_token(token):
    """A code as typed: spaces and dashes people add are not part of it."""
    return "".join((token or "").split()).replace("-", "").lower()


def confirm_enrolment(device, token):
    """Confirm the app `device` with a first `token`; returns the new backup codes, or
    None when the code is wrong. Other unfinished set-ups of the user are dropped."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(clean_token(token)):
            return None
        device.confirmed = True
        device.save()
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        return new_backup_codes(device.user)


def new_backup_codes(user):
    """Ten fresh single-use backup codes for `user`, replacing any earlier ones."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remaining_backup_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, token):
    """The device that accepts `token` for `user` (the app's current code, or a backup
    code, which is then used up), or None. Each device throttles its own failures
    (django-otp doubles the wait after each one), so codes cannot be guessed fast; a
    code is only tried on the kind of device it can belong to, so a mistyped backup
    code does not hold up the app's next code."""
    token = clean_token(token)
    if not token:
        return None
    looks_like_app_code = token.isdigit() and len(token) == APP_CODE_DIGITS
    model = TOTPDevice if looks_like_app_code else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True):
        if django_otp.verify_token(user, device.persistent_id, token):
            return device
    return None


def throttled_until(user):
    """When the app device will accept codes again after too many wrong ones, or None."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    allowed, details = device.verify_is_allowed()
    if allowed or not details:
        return None
    until = details.get("locked_until")
    return until if until and until > timezone.now() else None


def disable(user):
    """Turn two-factor authentication off for `user`: the app and backup codes go."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
