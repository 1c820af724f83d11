"""What a page tells search engines and link previews: its description, its canonical
address, whether it may be indexed, and its OpenGraph/Twitter card
(`templates/components/meta.html`, through `{% page_meta %}`).

A page's own context may hand a `PageMeta` over as `meta`; otherwise one is made from
the Wagtail page (`for_page`). The public listings (directory, offers feed, stories,
"Qui est ouvert dimanche ?") take their list from the query string: `for_listing`
decides what of it a search engine should keep, and `page_or_404` refuses page numbers
that name no page.

See https://developers.google.com/search/docs/specialty/ecommerce/pagination-and-incremental-page-loading
and https://ogp.me.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.core.paginator import InvalidPage
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.images import rendition_of
from core.query_params import page_number
from core.site_url import absolute_url

# Google shows about 155 characters of a description; a longer one is cut mid-word.
DESCRIPTION_LENGTH = 160
# OpenGraph's and Twitter's large card: 1.91:1, at the size both recommend.
SHARE_FILTER = "fill-1200x630|format-jpeg"
# What a filtered list says: not this address in the index, but follow its links.
NOINDEX_FOLLOW = "noindex, follow"
NOINDEX = "noindex"


@dataclass(frozen=True)
class ShareImage:
    """The picture of a link preview: an absolute URL and its size in pixels."""

    url: str
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class PageMeta:
    """`title` is the preview's title (the <title> without the site's name), `canonical`
    an absolute URL ("" for none), `robots` "" (indexable) or a robots directive."""

    title: str
    description: str
    canonical: str = ""
    robots: str = ""
    og_type: str = "website"
    image: ShareImage | None = None

    def with_robots(self, robots):
        return replace(self, robots=robots)


def plain_description(text, length=DESCRIPTION_LENGTH):
    """`text` (plain or rich text) as one line of at most `length` characters, cut at a
    word with an ellipsis."""
    flat = " ".join(strip_tags(str(text or "")).split())
    return Truncator(flat).chars(length)


def description_of(page):
    """What a page says of itself in a search result: the description staff wrote for
    search engines, else its own summary (a `meta_description`, an introduction)."""
    for name in ("search_description", "meta_description", "intro"):
        text = plain_description(getattr(page, name, ""))
        if text:
            return text
    return ""


def share_image(image, alt=""):
    """The 1200×630 rendition of a Wagtail image as a ShareImage (None for no image)."""
    if image is None:
        return None
    rendition = rendition_of(image, SHARE_FILTER)
    return ShareImage(absolute_url(rendition.url), rendition.width, rendition.height, alt)


def for_page(page, request, *, title="", description="", og_type="website", image=None):
    """The PageMeta of a Wagtail page at its own address."""
    return PageMeta(
        title=title or page.seo_title or page.title,
        description=description or description_of(page),
        canonical=page.get_full_url(request) or "",
        og_type=og_type,
        image=image,
    )


def is_filtered(params, page_param="page"):
    """Whether the query string chooses what a list shows (any parameter but the page
    number, even an empty one: `?q=` is a search, and the directory's utm_ parameters or
    a stray `x=` are no address of their own either)."""
    return any(key != page_param for key in params)


def listing_page_number(params, page_param="page"):
    """The page number asked for, as an int, or None when it is absent or not a whole
    number (which no page has: a 404)."""
    text = page_number(params, page_param)
    return int(text) if text.isdecimal() else None


def for_listing(meta, params, page_param="page"):
    """The PageMeta of a listing (`meta` being its unfiltered first page's) for the query
    string `params`.

    - Filtered or searched (any parameter but the page): `noindex, follow`, canonical to
      the unfiltered list, so the index holds one address per list, not one per search.
    - Page 2 and after of the unfiltered list: indexable, with its own canonical
      (`?page=2`), as Google asks of paginated lists (each page holds other items).
    - Page 1, with or without `?page=1`: the list's own address.
    """
    if is_filtered(params, page_param):
        return meta.with_robots(NOINDEX_FOLLOW)
    number = listing_page_number(params, page_param)
    if number is not None and number > 1 and meta.canonical:
        return replace(meta, canonical=f"{meta.canonical}?{urlencode({page_param: number})}")
    return meta


def page_or_404(paginator, number):
    """The page `number` (text from the query string) of `paginator`, or Http404 when it
    names no page: past the last, below 1, not a whole number. The first page of an empty
    list exists (when the paginator allows it)."""
    if not str(number).isdecimal():
        raise Http404("Pas de page de ce numéro.")
    try:
        return paginator.page(number)
    except InvalidPage as error:
        raise Http404("Pas de page de ce numéro.") from error
