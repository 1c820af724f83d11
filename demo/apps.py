from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content and its `seed_demo` command; it has no models."""

    name = "demo"
    verbose_name = _("Contenu de démonstration")
