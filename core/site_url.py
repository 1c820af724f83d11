"""The site's own address, for every absolute link it writes: canonicals, OpenGraph,
feeds, JSON-LD, the sitemap, e-mails.

Pages get theirs from Wagtail (`page.get_full_url()`, from the Site record); anything
that is not a page (an image, the home's root, a static file) goes through
`absolute_url` so that both come from the same place.
"""

from core.sites import all_sites


def site_root_url():
    """The default site's root URL without a trailing slash, e.g. `https://vilveze.be`."""
    default = next((site for site in all_sites() if site.is_default_site), None)
    return default.root_url if default is not None else ""


def absolute_url(path):
    """`path` (starting with "/") on the site's address; an absolute URL is kept as is."""
    if "://" in path:
        return path
    return site_root_url() + path
