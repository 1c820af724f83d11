from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site's kernel: services every app uses (the clock, tree paths, visibility,
    caching, sites, CSP...). It has no models; the apps above it plug into it."""

    name = "core"
    verbose_name = _("Noyau du site")

    def ready(self):
        from core import sites, visibility

        sites.install()
        sites.connect()
        visibility.connect()
