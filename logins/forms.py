from django import forms
from django.utils.translation import gettext_lazy as _


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
