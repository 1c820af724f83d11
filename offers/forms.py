"""Admin forms for merchant accounts, and the account forms that set an e-mail address.

Every form that sets an address refuses one another account has, in any case (the
database refuses it too: offers.accounts); the views that save them turn the
database's refusal, when another account took the address in the meantime, into the
same form error."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.users.forms import UserCreationForm, UserEditForm

from offers import accounts


class GrantAccessForm(forms.Form):
    """ "Donner accès au commerçant". `account` is empty at the first step; when the
    address belongs to an account, staff confirm at a second step, which posts the
    account they were shown (offers.merchants.grant_access checks it still matches)."""

    name = forms.CharField(label=gettext_lazy("Nom du commerçant"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail"))
    account = forms.ModelChoiceField(
        queryset=get_user_model().objects.all(), required=False, widget=forms.HiddenInput
    )

    def clean_email(self):
        return accounts.normalise_email(self.cleaned_data["email"])


class UniqueEmailMixin:
    """For Wagtail's user forms (staff create and edit accounts in the admin)."""

    def clean_email(self):
        email = accounts.normalise_email(self.cleaned_data.get("email"))
        if accounts.email_is_taken(email, exclude=self.instance):
            raise forms.ValidationError(accounts.EMAIL_TAKEN, code="email_taken")
        return email


class AccountCreationForm(UniqueEmailMixin, UserCreationForm):
    pass


class AccountEditForm(UniqueEmailMixin, UserEditForm):
    pass


class EmailChangeForm(forms.Form):
    """The account settings' "Adresse e-mail" panel: a new address is only requested
    (offers.accounts.request_email_change); the account keeps its address until the
    link sent to the new one is followed."""

    email = forms.EmailField(
        label=gettext_lazy("Adresse e-mail"),
        help_text=gettext_lazy(
            "Une nouvelle adresse ne remplace l'actuelle qu'une fois confirmée par le lien "
            "que nous y envoyons."
        ),
    )

    def __init__(self, *args, user, request, **kwargs):
        super().__init__(*args, initial={"email": user.email}, **kwargs)
        self.user = user
        self.request = request

    def clean_email(self):
        email = accounts.normalise_email(self.cleaned_data["email"])
        if email != self.user.email and accounts.email_is_taken(email, exclude=self.user):
            raise forms.ValidationError(accounts.EMAIL_TAKEN, code="email_taken")
        return email

    def save(self):
        email = self.cleaned_data["email"]
        if email == self.user.email:
            return
        accounts.request_email_change(self.user, email)
        messages.info(
            self.request,
            _(
                "Un lien de confirmation a été envoyé à %(email)s. Votre adresse reste "
                "%(current)s tant qu'il n'a pas été suivi."
            )
            % {"email": email, "current": self.user.email or "—"},
        )
