"""Admin forms for merchant accounts."""

from django import forms
from django.utils.translation import gettext_lazy as _


class GrantAccessForm(forms.Form):
    name = forms.CharField(label=_("Nom du commerçant"), max_length=150)
    email = forms.EmailField(label=_("Adresse e-mail"))
