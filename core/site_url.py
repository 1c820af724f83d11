"""The site's own address, for every absolute link it writes: canonicals, OpenGraph,
feeds, JSON-LD, the sitemap, e-mails.

One setting says it: `SITE_URL` (e.g. `https://commerces.vilveze.be`). Pages get their
address from Wagtail (`page.get_full_url()`, from the default Site record), so that
record's host name and port are kept in line with the setting (`sync_default_site`,
run after every `migrate`, by `seed_demo` and by `manage.py sync_site_url`); anything
that is not a page (an image, the home's root, a link in an e-mail) goes through
`absolute_url`, which reads the setting itself.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from core.sites import all_sites

# The port Wagtail's Site.root_url reads as each scheme (any other port means http).
_SCHEME_PORTS = {"http": 80, "https": 443}


def configured_site_url():
    """SITE_URL without a trailing slash, or "" when it is not set."""
    return (getattr(settings, "SITE_URL", "") or "").rstrip("/")


def site_root_url():
    """The site's address without a trailing slash, e.g. `https://commerces.vilveze.be`:
    SITE_URL, or the default Site record's when the setting is empty."""
    configured = configured_site_url()
    if configured:
        return configured
    default = next((site for site in all_sites() if site.is_default_site), None)
    return default.root_url if default is not None else ""


def absolute_url(path):
    """`path` (starting with "/") on the site's address; an absolute URL is kept as is."""
    if "://" in path:
        return path
    return site_root_url() + path


def address_problem(url):
    """Why `url` cannot be the site's address, in a sentence, or None when it can: it
    must be a scheme and a host (and a port), with no path, query or fragment, since a
    Wagtail Site has nothing else; and https only on port 443, the one port Wagtail's
    Site.root_url reads as https."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"it is not a valid URL ({error})"
    if parts.scheme not in _SCHEME_PORTS or not parts.hostname:
        return "it must start with http:// or https:// followed by a host name"
    if ":" in parts.hostname:
        return "Wagtail's Site records cannot hold an IPv6 address; use a host name"
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return "it must be the site's root (scheme, host and port only: no path or query)"
    if parts.scheme == "https" and port not in (None, 443):
        return "Wagtail's Site records can only give https links on port 443"
    if parts.scheme == "http" and port == 443:
        return "Wagtail's Site records give https links on port 443; write https://"
    return None


def site_location(url):
    """The (hostname, port) a Wagtail Site needs so that its root_url is `url`."""
    problem = address_problem(url)
    if problem:
        raise ImproperlyConfigured(f"SITE_URL {url!r} cannot be used: {problem}.")
    parts = urlsplit(url)
    return parts.hostname, parts.port or _SCHEME_PORTS[parts.scheme]


def sync_default_site(using="default"):
    """Give the default Site record SITE_URL's host name and port; returns the Site
    when it changed it, None when there was nothing to do (no SITE_URL, no default
    site, or already in line).

    Saved through the model, so Wagtail's cache of site root paths and core.sites'
    cached rows are dropped with it."""
    from wagtail.models import Site

    url = configured_site_url()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if not url or site is None:
        return None
    hostname, port = site_location(url)
    if (site.hostname, site.port) == (hostname, port):
        return None
    taken = Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk)
    if taken.exists():
        raise ImproperlyConfigured(
            f"SITE_URL {url!r} is the address of another Wagtail site than the default "
            "one; change that site's host name or port in the admin (Paramètres > Sites) "
            "first."
        )
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"], using=using)
    return site


def sync_after_migrate(using, verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver (for Wagtail's core app, which owns Site): every deploy
    runs `migrate`, so a changed SITE_URL reaches the Site record with it."""
    from django.db import connections
    from wagtail.models import Site

    # Migrated back to before the sites table: nothing to keep in line.
    if Site._meta.db_table not in connections[using].introspection.table_names():
        return
    site = sync_default_site(using)
    if site is not None and verbosity >= 1 and stdout is not None:
        stdout.write(f"The default site now answers at {site.root_url} (SITE_URL).\n")
