from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) in French: Wagtail declares
    its password field without a label, so Django shows the field's name, "Password",
    in every language."""

    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"placeholder": _("Votre mot de passe"), "autocomplete": "current-password"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nom d’utilisateur")
        self.fields["username"].widget.attrs.update(
            placeholder=_("Votre nom d’utilisateur"), autocomplete="username"
        )


class CodeForm(forms.Form):
    """One code: the app's six digits, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "Les six chiffres affichés par votre application, ou un de vos codes de secours."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class AppCodeForm(CodeForm):
    """The first code of a new app, which proves it holds the key."""

    code = forms.CharField(
        label=_("Code à six chiffres"),
        max_length=32,
        help_text=_("Le code que votre application affiche maintenant pour « Vitrine »."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
