"""The directory's active filters as chips: what a resident on a phone sees of the
filters while they are folded away, each chip a link to the same search without that
filter (so removing one needs no JavaScript, and no opening of the filters)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.clock import local_time


@dataclass(frozen=True)
class FilterChip:
    label: str
    url: str  # the same search without this filter


def filter_chips(params, query, path):
    """The chips of the filters `query` (a directory.search.ShopQuery read from `params`,
    a QueryDict) applies, in the order of the form. Only what the search recognised gets
    a chip: an unknown value is already dropped with a notice. `path` is the directory's
    path; the links keep every other parameter but the page number (the results change)."""

    def without(name, values=None, also=None):
        """The search without the parameter `name` (only its `values`, when given), and
        without `also` ({name: values}) too."""
        dropped = {name: values, **(also or {})}

        def drops(key, value):
            return key in dropped and (dropped[key] is None or value in dropped[key])

        kept = [
            (key, value)
            for key, key_values in params.lists()
            for value in key_values
            if key != "page" and not drops(key, value)
        ]
        return f"{path}?{urlencode(kept)}" if kept else path

    chips = []
    if query.category is not None:
        chips.append(FilterChip(query.category.name, without("categorie")))
    if query.district is not None:
        chips.append(FilterChip(query.district.name, without("quartier")))
    if query.open_now:
        chips.append(FilterChip(_("Ouvert maintenant"), without("ouvert")))
    elif query.open_at is not None:
        moment = date_format(local_time(query.open_at), "l j F à H:i")
        label = _("Ouverts le %(moment)s") % {"moment": moment}
        chips.append(FilterChip(label, without("ouvert")))
    for service in query.services:
        chips.append(FilterChip(service.name, without("service", {service.slug})))
    if query.operation is not None:
        # An operation is named by `operation`, or by a service slug it took over (the
        # chèques commerce, directory.search.parse_query): removing it drops both.
        selected = {service.slug for service in query.services}
        taken_over = set(params.getlist("service")) - selected
        url = without("operation", also={"service": taken_over} if taken_over else None)
        chips.append(FilterChip(query.operation.title, url))
    if query.tag:
        chips.append(FilterChip(query.tag, without("tag")))
    return chips
