"""Thin views over logins.throttle and logins.two_factor: the lockout page, the
two-factor pages every admin user reaches, and staff's list of locked logins."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csp import csp_override
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.account import (
    PasswordResetView,
    get_user_login_form,
    password_reset_enabled,
)

from logins import throttle, two_factor
from logins.forms import AppCodeForm, CodeForm
from offers import merchants

# --- The lockout page -----------------------------------------------------------------


# Axes swaps this page in after the admin's URL conf gave the login view its CSP, so it
# asks for the admin's policy itself (Wagtail's login page has inline code).
@csp_override(settings.ADMIN_CSP)
def locked_out(request, original_response, credentials):
    """AXES_LOCKOUT_CALLABLE: Wagtail's login page again, saying why and until when,
    with 429 Too Many Requests. Axes counted this very attempt, so the lock runs for
    the whole lockout time from now (every attempt until then pushes it back)."""
    until = timezone.localtime(timezone.now() + throttle.lockout_duration())
    message = _(
        "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est "
        "bloquée jusqu’à %(time)s ; chaque nouvel essai d’ici là prolonge ce délai. "
        "Si vous avez oublié votre mot de passe, demandez-en un nouveau, ou demandez à "
        "l’équipe de la Ville de débloquer votre compte."
    ) % {"time": time_format(until, "H:i")}
    username = request.POST.get("username", "")[:150]
    # Rendered now: axes' middleware swaps it in after the view's response was rendered.
    return render(
        request,
        "logins/locked_out.html",
        {
            "form": get_user_login_form()(request, initial={"username": username}),
            "lockout_message": message,
            "next": get_valid_next_url_from_request(request),
            "show_password_reset": password_reset_enabled(),
        },
        status=429,
    )


# --- Two-factor authentication (reached by every admin user) --------------------------


def _next_or_home(request):
    return get_valid_next_url_from_request(request) or "wagtailadmin_home"


def two_factor_overview(request):
    """The account's two-factor page: on or off, and what can be done from here."""
    user = request.user
    return TemplateResponse(
        request,
        "logins/two_factor.html",
        {
            "enabled": two_factor.is_enabled(user),
            "required": two_factor.is_required(user),
            "backup_codes_left": two_factor.remaining_backup_codes(user),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def two_factor_setup(request):
    """Scan (or type) the key, then prove it with a first code; shows the backup codes."""
    user = request.user
    if two_factor.is_enabled(user):
        return redirect("logins_two_factor")
    device = two_factor.start_enrolment(user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)  # this session just proved it has the app
            return _show_backup_codes(request, codes, first_time=True)
        form.add_error("code", _("Ce code ne correspond pas. Vérifiez l’heure du téléphone."))
    return TemplateResponse(
        request,
        "logins/two_factor_setup.html",
        {
            "form": form,
            "required": two_factor.is_required(user),
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
            "next": get_valid_next_url_from_request(request),
        },
    )


def _show_backup_codes(request, codes, first_time=False):
    return TemplateResponse(
        request,
        "logins/backup_codes.html",
        {
            "codes": codes,
            "first_time": first_time,
            "next": get_valid_next_url_from_request(request),
        },
    )


@never_cache
@sensitive_post_parameters("code")
def two_factor_verify(request):
    """After the password: the app's code, or a backup code."""
    user = request.user
    if not user.is_authenticated:
        return redirect("wagtailadmin_login")
    if user.is_verified() or not two_factor.is_enabled(user):
        return redirect(_next_or_home(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_or_home(request))
        form.add_error("code", _wrong_code_message(user))
    return TemplateResponse(
        request,
        "logins/two_factor_verify.html",
        {"form": form, "next": get_valid_next_url_from_request(request)},
    )


def _wrong_code_message(user):
    until = two_factor.throttled_until(user)
    if until is None:
        return _("Ce code n’est pas valable. Essayez le code suivant de votre application.")
    seconds = max(1, round((until - timezone.now()).total_seconds()))
    return _(
        "Ce code n’est pas valable. Après plusieurs erreurs, attendez %(seconds)s s avant "
        "d’essayer le code suivant."
    ) % {"seconds": seconds}


@require_POST
def two_factor_backup_codes(request):
    """New backup codes (the old ones stop working); shown once."""
    if not two_factor.is_enabled(request.user):
        return redirect("logins_two_factor")
    return _show_backup_codes(request, two_factor.new_backup_codes(request.user))


@never_cache
@sensitive_post_parameters("code")
def two_factor_disable(request):
    """Turn it off, with a current code (so a session left open is not enough)."""
    user = request.user
    if not two_factor.is_enabled(user):
        return redirect("logins_two_factor")
    if two_factor.is_required(user):
        messages.error(request, _("La Ville exige la double authentification pour l’équipe."))
        return redirect("logins_two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(user, form.cleaned_data["code"]) is not None:
            two_factor.disable(user)
            messages.success(request, _("La double authentification est désactivée."))
            return redirect("logins_two_factor")
        form.add_error("code", _wrong_code_message(user))
    return TemplateResponse(request, "logins/two_factor_disable.html", {"form": form})


# --- Locked logins (staff) ------------------------------------------------------------


def _require_staff(user):
    if not merchants.is_staff_member(user):
        raise PermissionDenied


def locked_logins(request):
    """Staff's list of recent failed logins, with a button to unlock each."""
    _require_staff(request.user)
    pairs, addresses = throttle.recent_failures()
    return TemplateResponse(
        request,
        "logins/locked_logins.html",
        {"pairs": pairs, "addresses": addresses},
    )


@require_POST
def unlock(request):
    _require_staff(request.user)
    username = request.POST.get("username", "")
    address = request.POST.get("address", "")
    if throttle.unlock(username=username, address=address):
        messages.success(request, _("La connexion est débloquée."))
    else:
        messages.warning(request, _("Rien à débloquer : le blocage avait déjà pris fin."))
    return redirect("logins_locked_logins")


# --- The password reset form, counted -------------------------------------------------

_wagtail_password_reset = PasswordResetView.as_view()


def password_reset(request):
    """Wagtail's "Mot de passe oublié ?" form, counted by the login throttle like a
    failed login: under the name `password-reset:<address typed>` (so no account's count
    moves) and for the visitor's address. Five requests for one mailbox, or the address
    limit in all, and the form is locked like the login, so nobody can fill a person's
    mailbox, or anyone's, from a script."""
    if request.method == "POST":
        email = request.POST.get("email", "")[:254]
        credentials = {"username": f"password-reset:{email}"}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return locked_out(request, None, credentials)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return _wagtail_password_reset(request)
