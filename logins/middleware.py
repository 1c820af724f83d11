"""Keeps a logged-in session that still owes its second factor to the pages that
settle it: the code page when the account has two-factor authentication, the set-up
page when it must have it (STAFF_REQUIRE_2FA) and has not."""

from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import urlencode

from logins import two_factor

# What a session owing its second factor may still reach: logging out or in, and what
# the admin's own pages load (icons, translations).
ALWAYS_OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
VERIFY = "logins_two_factor_verify"
SET_UP = "logins_two_factor_setup"


def _url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def owed_step(request):
    """The URL name of the step `request.user` must take before anything else, or None."""
    if request.session.is_empty():
        # No session, so nobody logged in; asking request.user would load the session
        # and add `Vary: Cookie` to every anonymous page (which the front cache keys on).
        return None
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    name = _url_name(request)
    if name in ALWAYS_OPEN:
        return None
    if two_factor.is_enabled(user):
        return None if name == VERIFY else VERIFY
    if two_factor.is_required(user):
        return None if name == SET_UP else SET_UP
    return None


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = owed_step(request)
        if step is None:
            return self.get_response(request)
        response = redirect(step)
        if request.method == "GET":
            # Back where they were going once the step is done (checked on the way out).
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
