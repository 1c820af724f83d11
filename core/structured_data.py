"""schema.org JSON-LD: what every page's structured data is made of, and how it goes
into the page. The documents themselves belong to their apps (a shop's LocalBusiness
in directory, an Offer in offers, an Article in stories).

See https://schema.org and https://developers.google.com/search/docs/appearance/structured-data.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

# What could end a <script> element or open a comment in it; the same escapes as
# Django's json_script filter, which only writes type="application/json".
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def without_empty(data):
    """`data` without its empty members (None, "", [], {}): schema.org reads a missing
    property better than an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def breadcrumb_list(crumbs):
    """A BreadcrumbList of (title, absolute URL) pairs, from the home page down."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": title, "item": url}
            for position, (title, url) in enumerate(crumbs, start=1)
        ],
    }


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page
    (the CSP allows it: it is data, not code)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
