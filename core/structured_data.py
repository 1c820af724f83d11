"""schema.org JSON-LD: what every page's structured data is made of, and how it goes
into the page. The documents themselves belong to their apps (a shop's LocalBusiness
in directory, an Offer in offers, an Article in stories).

See https://schema.org and https://developers.google.com/search/docs/appearance/structured-data.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from core import compat

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


def page_breadcrumb(page, request):
    """The BreadcrumbList of a page: its ancestors from the site's home page down, and
    the page itself. The ancestors are those routing walked through to the page, when
    each knows its parent; else one query."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    root_depth = site.root_page.depth if site is not None else 2
    ancestors = remembered_ancestors(page, root_depth)
    if ancestors is None:
        ancestors = list(page.get_ancestors().filter(depth__gte=root_depth))
    return breadcrumb_list(
        [(crumb.title, crumb.get_full_url(request)) for crumb in [*ancestors, page]]
    )


def remembered_ancestors(page, root_depth):
    """The ancestors of `page` from depth `root_depth` down, as the pages know their
    parents (core.compat.remembered_parent: routing tells each page it walks through),
    or None when one of them does not."""
    if page.depth is None:
        return None  # a page not yet saved (the preview of a new page) has no place
    ancestors = []
    while page.depth > root_depth:
        page = compat.remembered_parent(page)
        if page is None:
            return None
        ancestors.append(page)
    return ancestors[::-1]


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> element, safe to put in a page
    (the CSP allows it: it is data, not code)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


# An event that takes place as announced, in person (schema.org's enumerations).
EVENT_SCHEDULED = "https://schema.org/EventScheduled"
OFFLINE_ATTENDANCE = "https://schema.org/OfflineEventAttendanceMode"


def place(name, *, street="", postcode="", locality="", country="BE"):
    """A schema.org Place with its PostalAddress (an event's `location`)."""
    address = without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": street,
            "postalCode": postcode,
            "addressLocality": locality,
            "addressCountry": country,
        }
    )
    return without_empty({"@type": "Place", "name": name, "address": address})


def event_json_ld(
    *, name, start, end, location, organizer, url="", description="", image="", node_id=""
):
    """A schema.org Event held in person, as announced: `start` and `end` are dates or
    aware datetimes (written with their offset), `location` a place(), `organizer` a
    dict (an Organization, or {"@id": ...} of one described elsewhere). Google's event
    rich result requires name, startDate and location, and recommends the rest."""
    return without_empty(
        {
            "@type": "Event",
            "@id": node_id,
            "name": name,
            "description": description,
            "url": url,
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "eventStatus": EVENT_SCHEDULED,
            "eventAttendanceMode": OFFLINE_ATTENDANCE,
            "location": location,
            "organizer": organizer,
            "image": [image] if image else [],
        }
    )
