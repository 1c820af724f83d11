"""Closing the loop on the directory's searches that found nothing: which of them would
find a shop now (after staff added words, or shops), and adding a search to the words
residents use for a category or a service, in one action from the report.

Whether a search finds something now is asked of the directory's own search
(`directory.search.parse_query` and `directory.search.match`, what a resident typing the
words gets, without building cards), one search per distinct query: the report checks
the CHECKED most frequent ones of the period, so its cost has a bound whatever the
number of searches.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory import search
from directory.choices import directory_choices
from directory.search_terms import MAX_TERM_LENGTH, SEPARATOR
from directory.synonyms import add_search_term
from insights.models import DailySearch
from insights.tables import in_period

# Distinct searches the report runs again: each is one search of the directory.
CHECKED = 30


def shops_found_now(text):
    """How many shops the directory finds today for a resident's search `text`."""
    # match() answers the ids in result order first (then the facets, and more).
    return len(search.match(search.parse_query({"q": text}))[0])


@dataclass(frozen=True)
class SearchGap:
    query: str
    searches: int  # how many times it found nothing in the period
    found_now: int  # shops the same search finds today


@dataclass(frozen=True)
class SearchGaps:
    """The period's searches without result, most made first, the CHECKED first of
    them run again (`gaps`), and how many there were in all."""

    gaps: list
    distinct: int  # distinct queries without result in the period
    searches: int  # searches without result in the period
    limit: int | None = None  # the rows the report shows

    @property
    def shown(self):
        return self.gaps[: self.limit]

    @property
    def more(self):
        """The distinct searches without result beyond the rows shown: the CSV export
        lists them all."""
        return self.distinct - len(self.shown)

    @property
    def solved(self):
        """The checked queries that find a shop now."""
        return [gap for gap in self.gaps if gap.found_now]

    @property
    def checked_searches(self):
        return sum(gap.searches for gap in self.gaps)

    @property
    def solved_searches(self):
        return sum(gap.searches for gap in self.solved)

    @property
    def unchecked(self):
        return self.distinct - len(self.gaps)


def search_gaps(period, limit=None, checked=CHECKED):
    """The period's searches that found nothing, the `checked` most made run again (the
    report shows the first `limit`): two grouped queries, then one search of the
    directory per checked query."""
    rows = (
        DailySearch.objects.filter(in_period(period), found=False)
        .values("query")
        .annotate(total=Sum("count"))
        .order_by("-total", "query")
    )
    totals = DailySearch.objects.filter(in_period(period), found=False).aggregate(
        distinct=Count("query", distinct=True), searches=Sum("count")
    )
    gaps = [
        SearchGap(row["query"], row["total"], shops_found_now(row["query"]))
        for row in rows[:checked]
    ]
    return SearchGaps(gaps, totals["distinct"] or 0, totals["searches"] or 0, limit)


# --- Adding a search to a category's or a service's words ------------------------------

CATEGORY, SERVICE = "categorie", "service"


def target_choices():
    """The categories and services a search can be added to, as (group, options) for a
    select: values "categorie-<id>" and "service-<id>"."""
    choices = directory_choices()
    return [
        (
            gettext_lazy("Catégories"),
            [(f"{CATEGORY}-{item.pk}", item.name) for item in choices.categories],
        ),
        (
            gettext_lazy("Services"),
            [(f"{SERVICE}-{item.pk}", item.name) for item in choices.services],
        ),
    ]


def _target(value):
    """The category or service a choice's value names, or None."""
    kind, _dash, pk = value.partition("-")
    choices = directory_choices()
    items = {CATEGORY: choices.categories, SERVICE: choices.services}.get(kind, ())
    return next((item for item in items if str(item.pk) == pk), None)


class AddSearchTermForm(forms.Form):
    """A search of the report, and the category or service whose words it joins."""

    recherche = forms.CharField(label=gettext_lazy("Recherche"), max_length=MAX_TERM_LENGTH)
    cible = forms.ChoiceField(
        label=gettext_lazy("Catégorie ou service"),
        error_messages={
            "invalid_choice": gettext_lazy("Choisissez une catégorie ou un service de la liste.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cible"].choices = target_choices()

    def clean_recherche(self):
        query = self.cleaned_data["recherche"]
        if SEPARATOR in query:  # the words' separator: it would add several words
            raise ValidationError(_("Une recherche à la fois, sans virgule."))
        return query

    def clean_cible(self):
        target = _target(self.cleaned_data["cible"])
        if target is None:  # deleted since the list was read
            raise ValidationError(_("Cette catégorie ou ce service n'existe plus."))
        return target


def add_to_words(target, query):
    """Add the search `query` to the words of `target` (a category or a service) and
    save it; False when they held it already. Raises ValidationError when the words
    cannot take it (see directory.search_terms) or `target` is gone."""
    try:
        return add_search_term(target, query)
    except type(target).DoesNotExist:
        raise ValidationError(_("Cette catégorie ou ce service n'existe plus.")) from None
