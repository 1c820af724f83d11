"""Accounts' e-mail addresses: one account per address, and a change of address that
counts only once confirmed from the new mailbox.

Staff give a merchant a shop by e-mail address (offers.merchants.grant_access), and an
invitation's "choose your password" link goes to that address. So an address must
name one account only (the database says so: migration offers.0006, a unique index on
lower(email)), and nobody may put an address they cannot read on their account: in the
account settings a new address is only requested; it replaces the old one when its
owner follows the signed link sent to the new mailbox, while logged in as themselves.
The old address is told of the request and stays in use until then.

The link is stateless: Django's signing (with the SECRET_KEY) carries the account, the
address it had and the new one, and expires after PASSWORD_RESET_TIMEOUT, like the
invitation's link. Because it names the address the account had, it works once: after
the change (or any other) it no longer matches.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails import render_text
from core.site_url import absolute_url

EMAIL_TAKEN = gettext_lazy("Cette adresse e-mail est déjà celle d'un autre compte.")

_EMAIL_CHANGE_SALT = "offers.accounts.email-change"


def normalise_email(email):
    """The address as accounts store it: trimmed, the domain in lower case."""
    return get_user_model().objects.normalize_email((email or "").strip())


def account_with_email(email, exclude=None):
    """The account whose address is `email` in any case, other than `exclude`, or None."""
    email = normalise_email(email)
    if not email:
        return None
    # The same comparison as the database's unique index (offers.0006), so that what
    # this finds and what the index refuses agree on every database.
    accounts = (
        get_user_model().objects.alias(address=Lower("email")).filter(address=Lower(Value(email)))
    )
    if exclude is not None and exclude.pk is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts.first()


def email_is_taken(email, exclude=None):
    return account_with_email(email, exclude) is not None


class EmailChangeRefused(Exception):
    """A confirmation link that cannot be followed; `str()` is the French reason."""


class WrongAccount(EmailChangeRefused):
    """The link was sent for another account than the one logged in."""


# --- Asking for a new address ------------------------------------------------------


def email_change_token(user, new_email):
    return signing.dumps(
        {"user": user.pk, "from": user.email, "to": new_email}, salt=_EMAIL_CHANGE_SALT
    )


def email_change_url(user, new_email):
    path = reverse("offers_confirm_email", args=[email_change_token(user, new_email)])
    return absolute_url(path)


def request_email_change(user, new_email):
    """Send the confirmation link to `new_email` and a notice to the current address,
    once the transaction commits. The account keeps its address until the link is
    followed (confirm_email_change)."""
    new_email = normalise_email(new_email)
    context = {
        "user": user,
        "new_email": new_email,
        "confirmation_url": email_change_url(user, new_email),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }

    def send():
        send_mail(
            _("Confirmez votre nouvelle adresse e-mail"),
            render_text("offers/admin/email_change_confirmation.txt", context),
            None,
            [new_email],
        )
        if user.email:
            send_mail(
                _("Changement d'adresse e-mail demandé pour votre compte"),
                render_text("offers/admin/email_change_notice.txt", context),
                None,
                [user.email],
            )

    transaction.on_commit(send)
    return new_email


# --- Following the link ------------------------------------------------------------


def read_email_change(token, user):
    """The new address the link `token` asks `user` to confirm; raises
    EmailChangeRefused (WrongAccount for a link sent to another account) when it is
    forged, expired, already used or outdated, or when the address has been taken."""
    try:
        change = signing.loads(
            token, salt=_EMAIL_CHANGE_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT
        )
    except signing.SignatureExpired:
        raise EmailChangeRefused(
            _("Ce lien a expiré. Demandez à nouveau le changement dans votre compte.")
        ) from None
    except signing.BadSignature:
        raise EmailChangeRefused(_("Ce lien n'est pas valable.")) from None
    if change.get("user") != user.pk:
        raise WrongAccount(
            _(
                "Ce lien a été envoyé pour un autre compte. Connectez-vous avec le compte "
                "dont vous changez l'adresse."
            )
        )
    if change.get("from") != user.email:
        raise EmailChangeRefused(
            _("Ce lien a déjà servi, ou l'adresse du compte a changé depuis son envoi.")
        )
    if email_is_taken(change["to"], exclude=user):
        raise EmailChangeRefused(EMAIL_TAKEN)
    return change["to"]


def confirm_email_change(token, user):
    """Give `user` the address the link `token` was sent to, and return it. Raises
    EmailChangeRefused as read_email_change does, also when another account takes the
    address at the same moment (the database's unique index decides)."""
    new_email = read_email_change(token, user)
    user.email = new_email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError:
        user.refresh_from_db(fields=["email"])
        if email_is_taken(new_email, exclude=user):
            raise EmailChangeRefused(EMAIL_TAKEN) from None
        raise
    return new_email
