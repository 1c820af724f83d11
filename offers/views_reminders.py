"""The reminders' opt-out, reached from a link in an email, without logging in.

Opening the link only asks for confirmation: mail scanners and link previews open every
link of an email, and must not opt anyone out. The confirmation's button posts the
signed token; that signature is the proof that the request comes from the merchant's
own email."""

from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from offers import reminders

INVALID_LINK = 400


def _invalid_link(request):
    return TemplateResponse(request, "offers/reminders_opt_out_invalid.html", status=INVALID_LINK)


@require_safe
def confirm_opt_out(request, token):
    """The emailed link: says what the button will do, changes nothing."""
    user = reminders.user_for_opt_out_token(token)
    if user is None:
        return _invalid_link(request)
    return TemplateResponse(
        request,
        "offers/reminders_opt_out_confirm.html",
        {"email": user.email, "token": token, "opted_out": reminders.has_opted_out(user)},
    )


# No CSRF token here, on purpose. CSRF protection stops another site from acting with
# the visitor's cookies; this action uses none: it is authorised by the signed token in
# the body, which a forged request cannot produce. A CSRF token would also give these
# anonymous visitors a cookie, and the public site sets none.
@csrf_exempt
@require_POST
def opt_out(request):
    """The confirmation's button: stops the reminders (again, harmlessly, if already)."""
    user = reminders.user_for_opt_out_token(request.POST.get("token", ""))
    if user is None:
        return _invalid_link(request)
    reminders.opt_out(user)
    return TemplateResponse(request, "offers/reminders_opt_out.html", {"email": user.email})
