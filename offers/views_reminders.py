"""The reminders' opt-out link, opened from an email without logging in."""

from django.http import Http404
from django.template.response import TemplateResponse

from offers import reminders


def opt_out(request, token):
    """Opening the signed link is the opt-out: it is idempotent and the signature is
    the proof that the link came from the merchant's own email."""
    user = reminders.user_for_opt_out_token(token)
    if user is None:
        raise Http404
    reminders.opt_out(user)
    return TemplateResponse(request, "offers/reminders_opt_out.html", {"email": user.email})
