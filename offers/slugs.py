"""An offer's slug, the last part of its address, made from its title: merchants never
choose it, so they never meet a slug error.

The slug is the title transliterated to ASCII (as shops' are: an address that types the
same on any keyboard and survives an SMS), numbered from 2 when another offer of the
same shop has it ("croissants-2"): merchants post the same offer week after week."""

from anyascii import anyascii
from django.utils.text import slugify

# Page.slug holds 255 characters; the base leaves room for any "-N" a shop could need.
BASE_LENGTH = 200
FALLBACK = "offre"


def slug_base(title):
    """The slug a title gives before numbering: "Croissants 2+1 ce week-end !" gives
    "croissants-21-ce-week-end"; a title with no letter or digit gives "offre"."""
    return slugify(anyascii(title or ""))[:BASE_LENGTH].strip("-") or FALLBACK


def free_slug(base, taken):
    """`base`, or `base-2`, `base-3`... the first that is not in `taken`."""
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def offer_slug(title, shop, offer=None):
    """A slug for `offer` (a new one when None or unsaved), titled `title`, that no other
    page under `shop` has. One query: the siblings' slugs that start with the base."""
    base = slug_base(title)
    siblings = shop.get_children().filter(slug__startswith=base)
    if offer is not None and offer.pk is not None:
        siblings = siblings.exclude(pk=offer.pk)
    return free_slug(base, set(siblings.values_list("slug", flat=True)))
