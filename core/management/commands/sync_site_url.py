from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.site_url import configured_site_url, sync_default_site


class Command(BaseCommand):
    help = (
        "Give the default Wagtail site SITE_URL's host name and port, so that pages' "
        "absolute links (canonicals, sitemap, feeds) use the site's address. `migrate` "
        "does the same after every run; this is for a changed SITE_URL without a migrate."
    )

    def handle(self, *args, **options):
        url = configured_site_url()
        if not url:
            raise CommandError("SITE_URL is not set: nothing to give the site.")
        if not Site.objects.filter(is_default_site=True).exists():
            raise CommandError("There is no default site (Paramètres > Sites) to give it to.")
        try:
            site = sync_default_site()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            self.stdout.write(f"The default site already answers at {url}.")
        else:
            self.stdout.write(f"The default site now answers at {site.root_url}.")
