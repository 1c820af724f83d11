"""Finding shops: the directory's query parameters, and the search they run.

The query string is the interface (French, bookmarkable): q, categorie, quartier,
service (several), operation (a city operation's slug: the shops taking part), tag,
ouvert (maintenant | 2026-12-24T18:00), pres (lat,lon),
rayon (km), tri (pertinence | distance | nom | nouveaux), page. Anything malformed is
dropped with a notice for the resident; nothing in it can make the search fail.

Text goes through Wagtail's search backend (autocomplete over normalised text, so it is
accent- and case-insensitive and completes prefixes on SQLite and PostgreSQL alike);
every other filter, the distance and the sort are SQL on the matched shops.
"""

import operator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import reduce

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import caching, clock, compat, front_cache, query_params
from core.caching import STALE_AFTER
from core.clock import BRUSSELS
from core.counted_page import counted_page
from core.page_meta import page_or_404
from core.text import normalise, words
from core.visibility import public_paths_q
from directory import operations, search_vocabulary
from directory.cards import VERSION_FIELDS, shop_cards
from directory.choices import directory_choices
from directory.geo import bounding_box_q, distance_expression, parse_point, proximity_expression
from directory.hours import next_change_in_town, open_at_q, within_calendar
from directory.models import Category, District, ShopPage, ShopTag
from directory.search_words import Term, backend_query, query_terms, term_query

PAGE_SIZE = 20
MAX_RADIUS_KM = 50


class Sort:
    RELEVANCE = "pertinence"
    DISTANCE = "distance"
    NAME = "nom"
    NEWEST = "nouveaux"

    CHOICES = [
        (RELEVANCE, gettext_lazy("pertinence")),
        (DISTANCE, gettext_lazy("distance")),
        (NAME, gettext_lazy("nom")),
        (NEWEST, gettext_lazy("nouveaux")),
    ]


@dataclass
class ShopQuery:
    """What the resident asked for, cleaned. `notices` say what was ignored and why."""

    text: str = ""
    category: Category | None = None
    district: District | None = None
    services: list = field(default_factory=list)
    operation: object = None  # an OperationPage
    tag: str = ""
    open_at: datetime | None = None
    open_now: bool = False
    point: tuple | None = None
    point_from_district: bool = False
    radius_km: float | None = None
    sort: str = Sort.NAME
    page: str = "1"
    notices: list = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(
            self.text
            or self.category
            or self.district
            or self.services
            or self.operation
            or self.tag
            or self.open_at
            or self.radius_km
        )


def _parse_open_at(value, now):
    """(moment, None) for the moment `value` names ("maintenant", or an ISO date and
    time in Brussels unless it gives an offset); (None, notice) when it names none the
    hours can be asked about."""
    if value == "maintenant":
        return now, None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None, _("« %(value)s » n'est pas un moment reconnu (exemple : 2026-12-24T18:00).")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BRUSSELS)
    if not within_calendar(moment):
        return None, _(
            "« %(value)s » est trop éloigné dans le temps ; ce filtre est ignoré "
            "(exemple : 2026-12-24T18:00)."
        )
    return moment, None


def parse_query(params, now=None):
    """A ShopQuery from a QueryDict (request.GET) or a plain dict. Never raises."""
    now = now or timezone.now()
    choices = directory_choices()
    query = ShopQuery()
    notices = query.notices

    query.text = query_params.single(params, "q")
    if query.text and not normalise(query.text):
        notices.append(_("La recherche ne contient aucun mot ; elle est ignorée."))

    query.category = query_params.choice(
        params,
        "categorie",
        choices.category,
        notices,
        _("Catégorie inconnue : « %(value)s » ; elle est ignorée."),
    )
    query.district = query_params.choice(
        params,
        "quartier",
        choices.district,
        notices,
        _("Quartier inconnu : « %(value)s » ; il est ignoré."),
    )

    service_slugs = query_params.several(params, "service", max_length=80)
    if service_slugs:
        query.services = choices.services_for(service_slugs)
        unknown = set(service_slugs) - {service.slug for service in query.services}
        # A service an operation took over (the chèques commerce) leads to its shops.
        replacing = operations.replacing_services(unknown) if unknown else {}
        if replacing:
            query.operation = next(iter(replacing.values()))
        if unknown - set(replacing):
            notices.append(_("Certains services demandés n'existent pas ; ils sont ignorés."))

    query.operation = (
        query_params.choice(
            params,
            "operation",
            operations.find_operation,
            notices,
            _("Opération inconnue : « %(value)s » ; elle est ignorée."),
        )
        or query.operation
    )

    query.tag = query_params.single(params, "tag", 100)

    open_value = query_params.single(params, "ouvert", 40)
    if open_value:
        query.open_at, notice = _parse_open_at(open_value, now)
        query.open_now = open_value == "maintenant"
        if notice:
            notices.append(notice % {"value": open_value})

    point_value = query_params.single(params, "pres", 60)
    if point_value:
        query.point = parse_point(point_value)
        if query.point is None:
            notices.append(_("Position non reconnue ; les distances ne sont pas affichées."))
    if query.point is None and query.district is not None and query.district.centre:
        query.point = query.district.centre
        query.point_from_district = True

    radius_value = query_params.single(params, "rayon", 10)
    if radius_value:
        try:
            radius = float(radius_value.replace(",", "."))
        except ValueError:
            radius = None
        if radius is None or not 0 < radius <= MAX_RADIUS_KM:
            notices.append(
                _("Le rayon doit être compris entre 0 et %(max)s km.") % {"max": MAX_RADIUS_KM}
            )
        elif query.point is None:
            notices.append(_("Pour chercher dans un rayon, indiquez d'abord votre position."))
        else:
            query.radius_km = radius

    sort_value = query_params.single(params, "tri", 20)
    valid_sorts = {value for value, _label in Sort.CHOICES}
    if sort_value and sort_value not in valid_sorts:
        notices.append(_("Tri inconnu ; les résultats sont triés par défaut."))
        sort_value = ""
    if sort_value == Sort.DISTANCE and query.point is None:
        notices.append(_("Pour trier par distance, indiquez d'abord votre position."))
        sort_value = ""
    if sort_value == Sort.RELEVANCE and not query.text:
        sort_value = ""
    query.sort = sort_value or default_sort(query)

    query.page = query_params.page_number(params)
    return query


def default_sort(query):
    if query.text:
        return Sort.RELEVANCE
    if query.point is not None:
        return Sort.DISTANCE
    return Sort.NAME


def filtered_shops(query):
    """Live, public shops matching every filter except the text, as a lazy queryset.
    The page listing them shows the directory (core.front_cache), and what "open now"
    lists holds until the next opening or closing in town."""
    front_cache.shows(front_cache.DIRECTORY)
    if query.open_now:
        front_cache.changes_at(open_now_unchanged_until(query.open_at))
    shops = ShopPage.objects.live().filter(public_paths_q())
    if query.category:
        shops = shops.filter(category=query.category)
    if query.district:
        shops = shops.filter(district=query.district)
    for service in query.services:
        shops = shops.filter(services=service)
    if query.operation:
        shops = shops.filter(pk__in=operations.participating_shop_ids(query.operation))
    if query.tag:
        shops = shops.filter(tagged_items__tag__slug=query.tag)
    if query.open_at:
        shops = shops.filter(open_at_q(query.open_at))
    if query.point is not None:
        shops = shops.annotate(proximity=proximity_expression(query.point))
        if query.radius_km:
            # The box first: plain comparisons that leave few rows for the exact distance.
            shops = (
                shops.filter(bounding_box_q(query.point, query.radius_km))
                .annotate(distance=distance_expression(query.point))
                .filter(distance__lte=query.radius_km * 1000)
            )
    return shops


def _ordering(query):
    # The id last: a page read with LIMIT and OFFSET needs an order without ties.
    if query.sort == Sort.DISTANCE:
        return ["proximity", "title", "pk"]
    if query.sort == Sort.NEWEST:
        return ["-first_published_at", "title", "pk"]
    return ["title", "pk"]


@dataclass
class Reading:
    """How the search read the query's text: the words it corrected ({typed: corrected}),
    the query as corrected, and whether no shop had every word (the results then have
    the most words)."""

    corrections: dict = field(default_factory=dict)
    corrected_text: str = ""
    partial: bool = False


@dataclass
class SearchResult:
    query: ShopQuery
    page: object  # a Paginator page of directory.cards.ShopCard
    total: int
    category_counts: dict  # {category_id: count} over the results
    district_counts: dict
    reading: Reading = field(default_factory=Reading)


# The cache entry of the town's next opening or closing: the hours' rows and the pages
# (a shop published writes its rows) drop it (directory.apps).
TOWN_HOURS = "town-hours"
OPEN_NOW_KEY = "vitrine:open-now-until:{generation}"


def open_now_unchanged_until(at):
    """directory.hours.next_change_in_town(at), kept in the cache from the moment it was
    asked until that change, or until any hours change (TOWN_HOURS)."""
    key = OPEN_NOW_KEY.format(generation=caching.generation(TOWN_HOURS))
    kept = cache.get(key)
    if kept is not None and kept[0] <= at < kept[1]:
        return kept[1]
    until = next_change_in_town(at)
    seconds = int((until - at).total_seconds())
    if seconds >= 1:
        cache.set(key, (at, until), timeout=min(STALE_AFTER, seconds))
    return until


def forget_town_hours(**kwargs):
    caching.new_generation(TOWN_HOURS)


def match(query, now=None):
    """The ids of the matching shops in result order, {id: (category_id, district_id)}
    for the facet counts, and how the text was read."""
    rows, reading = matching_rows(query, ("pk", "category_id", "district_id"), now)
    facts = {pk: (category, district) for pk, category, district in rows}
    return list(facts), facts, reading


def matching_rows(query, fields, now=None):
    """The matching shops in result order, as tuples of `fields`, and how the text was
    read (a Reading): every one of them (the map shows them all)."""
    shops, ordering, reading = matching_shops(query, now)
    rows = list(shops.order_by(*ordering).values_list(*fields))
    reading.partial = reading.partial and bool(rows)
    return rows, reading


def matching_shops(query, now=None):
    """The matching shops (a lazy queryset, unordered), the ordering that puts them in
    result order (for `order_by`) and how the text was read (a Reading, whose `partial`
    says the results, if any, have only some of the words).

    Every word of the text must match (in any order): in the shop's indexed text
    (through the search backend, in SQL) or in its current offers (from the vocabulary).
    A word that matches nothing anywhere is first corrected to the nearest indexed word.
    When no shop has every word, the shops with the most words are the results. The
    ranking is SQL too (`_relevance`), so counting the results and reading one page of
    them are queries of their own, whose cost in Python does not grow with the matches."""
    shops = filtered_shops(query)
    ordering = _ordering(query)
    terms = query_terms(query.text)
    if not terms:
        return shops, ordering, Reading()
    vocabulary = search_vocabulary.vocabulary(clock.today(now))
    terms, reading = _corrected(query.text, terms, vocabulary)
    offer_shops = [vocabulary.shops_with_offer_matching(term) for term in terms]
    completions = {term: vocabulary.completions(term) for term in terms if term.prefix}
    found = shops.filter(_every_word(terms, offer_shops, completions))
    if len(terms) > 1 and not found.exists():
        # Among partial matches only whole words count: the last word's completions
        # would otherwise let a short word ("vie") bring in any shop it starts a word of.
        terms = [replace(term, prefix=False) for term in terms]
        offer_shops = [vocabulary.shops_with_offer_matching(term) for term in terms]
        conditions = [
            _word_q(term, offers) for term, offers in zip(terms, offer_shops, strict=True)
        ]
        words_found = reduce(
            operator.add,
            (Case(When(each, then=Value(1)), default=Value(0)) for each in conditions),
        )
        found = shops.filter(reduce(operator.or_, conditions))
        ordering = [words_found.desc(), *ordering]
        reading.partial = True
    if query.sort == Sort.RELEVANCE:
        # Among equal ranks, the requested order decides.
        at = 1 if reading.partial else 0
        ordering = [*ordering[:at], _relevance(terms, vocabulary), *ordering[at:]]
    return found, ordering, reading


def _corrected(text, terms, vocabulary):
    """The terms with each word that matches nothing replaced by the nearest indexed
    word (when one is near enough), and the Reading that says so."""
    corrections = {}
    corrected = []
    for term in terms:
        if not vocabulary.knows(term):
            replacement = vocabulary.correction(term)
            if replacement:
                corrections[term.word] = replacement
                term = Term.of(replacement)
        corrected.append(term)
    reading = Reading(corrections=corrections)
    if corrections:
        reading.corrected_text = " ".join(corrections.get(word, word) for word in words(text))
    return corrected, reading


def _every_word(terms, offer_shops, completions):
    """The condition of a shop having every term, in its indexed text or its offers:
    one full-text match for them all when no offer has any of them. `completions`:
    {term: Vocabulary.completions(term)} of the prefixes."""
    if not any(offer_shops):
        return Q(pk__in=matching_ids(backend_query(terms, completions)))
    return reduce(
        operator.and_,
        (
            _word_q(term, shops, completions.get(term))
            for term, shops in zip(terms, offer_shops, strict=True)
        ),
    )


def _word_q(term, offer_shops, completions=None):
    condition = Q(pk__in=matching_ids(term_query(term, completions)))
    return condition | Q(pk__in=offer_shops) if offer_shops else condition


def _relevance(terms, vocabulary):
    """Where the terms match a shop, as an SQL expression to sort on: summed over the
    terms, 0 for a match in its name, 1 in its labels (category, services, tags and the
    words residents use for them), 2 elsewhere (description, address, offers)."""
    ranks = []
    for term in terms:
        cases = [When(_name_q(term), then=Value(0))]
        labels = _labels_q(term, vocabulary)
        if labels is not None:
            cases.append(When(labels, then=Value(1)))
        ranks.append(Case(*cases, default=Value(2), output_field=IntegerField()))
    return reduce(operator.add, ranks).asc()


def _name_q(term):
    """The shops whose name has `term` (its word or stem, or a word it starts when it is
    a prefix): the test of Term.matches, on the name's words between spaces."""
    word = f" {term.word}" if term.prefix else f" {term.word} "
    condition = Q(name_words__contains=word)
    if term.stem != term.word:
        condition |= Q(name_words__contains=f" {term.stem} ")
    return condition


def _labels_q(term, vocabulary):
    """The shops whose category, a service or a tag has `term` in its label words, or
    None when no label has it."""
    categories, services, tags = vocabulary.labels_matching(term)
    conditions = []
    if categories:
        conditions.append(Q(category_id__in=categories))
    if services:
        links = ShopPage.services.through.objects.filter(service_id__in=services)
        conditions.append(Q(pk__in=links.values("shoppage_id")))
    if tags:
        tagged = ShopTag.objects.filter(tag__name__in=tags)
        conditions.append(Q(pk__in=tagged.values("content_object_id")))
    return reduce(operator.or_, conditions) if conditions else None


def matching_ids(search_query):
    """The ids of the shops whose indexed text matches `search_query` (Wagtail's query
    objects, directory.search_words). The search runs over every shop: the caller's query
    applies the other filters once, where restricting the search to them too would run
    them twice (and, on PostgreSQL, leave the planner with estimates so far off that it
    loops over the matches)."""
    results = ShopPage.objects.autocomplete(search_query, order_by_relevance=False)
    if compat.is_postgres_search(results):
        return _postgres_index_matches(results)
    # SQLite's entries, read as its backend reads them but without its queryset's own
    # level of shops (a lookup of each match's shop row more).
    entries = compat.sqlite_index_matches(results)
    if entries is not None:
        return entries
    matched = compat.search_results_queryset(results)
    if matched is not None:
        # Wagtail's database backends: keep the match in SQL, as a subquery.
        return matched.values("pk")
    return [shop.pk for shop in results]


def _postgres_index_matches(results):
    """The shop ids of Wagtail's PostgreSQL index entries that match `results`' query,
    as a subquery read through the index's GIN index on the autocomplete vectors.
    Wagtail's own queryset joins the shops to their entries, which PostgreSQL runs by
    checking each candidate shop's entry in turn (about 1,000 of them for a category):
    about 5 ms slower at 10,000 shops than reading the matching entries at once. The
    query, its configuration and the content types are Wagtail's own."""
    from wagtail.search.models import IndexEntry

    tsquery = compat.postgres_search_tsquery(results)
    if tsquery is None:
        return compat.search_results_queryset(results).values("pk")
    return (
        IndexEntry.objects.filter(
            content_type_id__in=compat.indexed_content_type_ids(ShopPage),
            autocomplete=tsquery,
        )
        .annotate(shop_id=Cast("object_id", IntegerField()))
        .values("shop_id")
    )


def search(query, now=None):
    """Run a ShopQuery: the count, facet counts and the requested page of cards; Http404
    when the page number names no page (past the last, not a whole number)."""
    reading = Reading()
    if query.is_filtered:
        results, total, category_counts, district_counts, reading = _filtered(query, now)
    else:
        results, total, category_counts, district_counts = _whole_directory(query)
    paginator = Paginator(results, PAGE_SIZE, allow_empty_first_page=True)
    page = page_or_404(paginator, query.page)
    # The page's ids come with what their kept cards are checked against.
    rows = list(page.object_list)
    page.object_list = shop_cards(
        [row[0] for row in rows],
        query.point,
        now or timezone.now(),
        versions={row[0]: row[1:] for row in rows},
    )
    return SearchResult(query, page, total, category_counts, district_counts, reading)


def _filtered(query, now):
    """The matching shops counted and paged in SQL, in one statement that finds them
    once (core.counted_page): the counts per category and district, and only the
    requested page's ids (with their cards' versions), in result order."""
    shops, ordering, reading = matching_shops(query, now)
    offset = _page_offset(query.page)
    rows, groups = counted_page(
        shops,
        ordering,
        fields=("pk", *VERSION_FIELDS),
        groups=("category_id", "district_id"),
        offset=offset,
        limit=PAGE_SIZE,
    )
    category_counts, district_counts = _facet_counts(groups)
    total = sum(category_counts.values())
    reading.partial = reading.partial and total > 0
    return _Read(rows, total, offset), total, category_counts, district_counts, reading


def _page_offset(number):
    """Where the page `number` (text from the query string) starts among the results;
    one that names no page starts at the first (page_or_404 answers 404 for it)."""
    number = int(number) if str(number).isdecimal() else 1
    return (max(number, 1) - 1) * PAGE_SIZE


def _grouped(shops):
    """(category_id, district_id, number of shops) of `shops`, in one grouped query."""
    return (
        shops.order_by()
        .values("category_id", "district_id")
        .annotate(shops=Count("pk"))
        .values_list("category_id", "district_id", "shops")
    )


def _whole_directory(query):
    """The whole directory (no filter: sorted by name or distance only), counted and
    paged in SQL: the counts per category and district (kept: they are the same for
    every visit), and only the requested page's ids, as a filtered search does."""
    category_counts, district_counts = _whole_directory_counts()
    total = sum(category_counts.values())
    rows = filtered_shops(query).order_by(*_ordering(query)).values_list("pk", *VERSION_FIELDS)
    return _Counted(rows, total), total, category_counts, district_counts


# The cache entry of the whole directory's counts: any shop or restriction change and
# any page published, unpublished, moved or deleted drop it (directory.apps).
DIRECTORY_COUNTS = "directory-counts"


def _whole_directory_counts():
    """{category_id: count} and {district_id: count} of every live, public shop, kept
    until DIRECTORY_COUNTS drops: counting them reads every shop (at 100,000 shops, 960 M
    instructions on SQLite), for the same answer at each visit."""
    key = f"vitrine:{DIRECTORY_COUNTS}:{caching.generation(DIRECTORY_COUNTS)}"
    return caching.cached(key, lambda: _facet_counts(_grouped(filtered_shops(ShopQuery()))))


def forget_directory_counts(**kwargs):
    caching.new_generation(DIRECTORY_COUNTS)


def _facet_counts(groups):
    """{category_id: count} and {district_id: count} from (category_id, district_id,
    count) triples."""
    category_counts, district_counts = {}, {}
    for category, district, count in groups:
        category_counts[category] = category_counts.get(category, 0) + count
        district_counts[district] = district_counts.get(district, 0) + count
    return category_counts, district_counts


class _Counted:
    """A queryset of results whose number is already known, for the Paginator (which
    would otherwise count them in one more query). A slice is a page of it."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __getitem__(self, index):
        return list(self.queryset[index])


class _Read:
    """One page of results already read (those from `offset`) and the number of all of
    them, for the Paginator, which asks for that page's slice."""

    def __init__(self, rows, count, offset):
        self.rows, self._count, self.offset = rows, count, offset

    def count(self):
        return self._count

    def __getitem__(self, index):
        if index.start != self.offset:
            raise IndexError(f"results from {index.start} were not read")
        return self.rows[: index.stop - index.start]


MAP_FIELDS = ("pk", "slug", "title", "latitude", "longitude", "category__name", "district__name")


def shops_for_map(query):
    """Every matching shop that has coordinates, in result order, as plain rows (the
    map may show thousands: building page objects for them would cost more than the
    query), in one query."""
    rows, _reading = matching_rows(query, MAP_FIELDS)
    shops = (dict(zip(MAP_FIELDS, row, strict=True)) for row in rows)
    return [
        shop for shop in shops if shop["latitude"] is not None and shop["longitude"] is not None
    ]
