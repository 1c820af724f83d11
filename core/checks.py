"""System checks on the site's address (SITE_URL, core.site_url).

Always: a SITE_URL that a Wagtail Site cannot hold is an error, whatever the
environment. With `check --deploy`: a server must give its public https address, or
every canonical, feed, sitemap entry and e-mailed link would send people to a laptop.
"""

import ipaddress
from urllib.parse import urlsplit

from django.core import checks

from core.site_url import address_problem, configured_site_url

_LOCAL_NAMES = {"localhost", "testserver"}
_LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".internal")


def is_local_host(hostname):
    """Whether `hostname` only means something on the machine or network it is said on:
    localhost, a loopback, private or unspecified address, a .local name..."""
    hostname = hostname.lower().rstrip(".")
    if hostname in _LOCAL_NAMES or hostname.endswith(_LOCAL_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


@checks.register(checks.Tags.sites)
def site_url_is_usable(app_configs, **kwargs):
    url = configured_site_url()
    problem = address_problem(url) if url else None
    if problem:
        return [
            checks.Error(
                f"SITE_URL {url!r} cannot be the site's address: {problem}.",
                hint="Give scheme and host only, e.g. SITE_URL=https://commerces.example.be.",
                id="core.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    url = configured_site_url()
    hint = (
        "Set SITE_URL to the site's public https address, e.g. "
        "SITE_URL=https://commerces.example.be; every absolute link (canonicals, "
        "sitemap, feeds, e-mails) is built from it."
    )
    if not url:
        return [checks.Error("SITE_URL is not set.", hint=hint, id="core.E002")]
    try:
        parts = urlsplit(url)
    except ValueError:
        return []  # site_url_is_usable (every check run) says why
    if parts.hostname and is_local_host(parts.hostname):
        return [
            checks.Error(
                f"SITE_URL {url!r} is a local address, which nobody else can reach.",
                hint=hint,
                id="core.E003",
            )
        ]
    if address_problem(url):
        return []  # site_url_is_usable says why
    if parts.scheme != "https":
        return [
            checks.Error(
                f"SITE_URL {url!r} is not https: links would leave the site over plain http.",
                hint=hint,
                id="core.E004",
            )
        ]
    return []
