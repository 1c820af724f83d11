"""The counting script's tag, for base.html: `{% insights_script %}`."""

from django import template
from wagtail.models import Site

from insights.counting import KINDS_BY_TYPE
from insights.models import InsightsSettings

register = template.Library()


def script_data(context):
    """What the counting script needs on this page, or None when it must not be
    included at all: counting switched off, a preview, an error page."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or getattr(request, "is_preview", False):
        return None
    site = Site.find_for_request(request)
    if site is None or not InsightsSettings.for_site(site).counting_enabled:
        return None
    # Some views put something else than a Wagtail page in `page` (a paginator's page).
    page_class = getattr(page, "specific_class", None)
    page_id = getattr(page, "pk", None)
    if page_class is None or not isinstance(page_id, int):
        return None
    label = page_class._meta.label_lower
    data = {"page_id": page_id, "view": label in KINDS_BY_TYPE}
    query, result = context.get("query"), context.get("result")
    # A directory search counts once, on its first page of results.
    if (
        label == "directory.directorypage"
        and getattr(query, "text", "")
        and result is not None
        and str(getattr(query, "page", "1")) == "1"
    ):
        data["search"] = query.text
        data["found"] = bool(getattr(result, "total", 0))
    return data


@register.inclusion_tag("insights/script.html", takes_context=True)
def insights_script(context):
    return {"insights": script_data(context)}
