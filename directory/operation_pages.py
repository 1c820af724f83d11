"""What the operations' pages show: the section's (/operations/: the coming operations,
then the past ones), an operation's (its days, partners, and the list and map of the
shops taking part, each as it is on the day the page is about), the standing page
« Qui est ouvert dimanche ? », and the home page's panel (the next opening day).

The shops are the directory's cards (directory.cards: picture, status, the "Offre en
cours" badge through directory.extension_points), so an operation's page costs the same
queries whatever the number of its shops; each shop's hours on the day come from the
directory's hours functions (directory.open_on_day), which every opening rule goes
through."""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Q, prefetch_related_objects
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Site

from core import front_cache
from core import page_meta as meta_of
from core.caching import cached
from core.clock import today
from core.images import load_renditions, responsive_image
from core.page_meta import page_or_404
from core.partners import PARTNER_LOGO
from core.query_params import page_number
from core.structured_data import json_ld_script, page_breadcrumb
from core.visibility import public_q
from directory.cards import shop_cards
from directory.geo import directions_url
from directory.hours import day_range, hours_of_shops, ranges_starting_on, status_line
from directory.models import OperationKind, OperationPage, OperationsPage
from directory.models.operation import OPEN_ON_SUNDAY_SLUG
from directory.open_on_day import shops_open_on
from directory.operation_dates import (
    coming_and_past,
    day_about,
    days_of,
    first_and_last_day,
    is_on,
    next_opening_day,
    next_sunday_or_holiday,
)
from directory.operation_events import opening_day_events, operation_calendar
from directory.operations import shops_taking_part
from directory.shop_cache import generation
from directory.shop_hours import format_range
from directory.shop_map import map_points
from home.extension_points import Panel
from home.models import SiteSettings
from home.structured_data import city_organization

HERO_WIDTHS = (480, 800, 1200)
PAST_OPERATIONS_SHOWN = 12
OPEN_SHOPS_PAGE_SIZE = 20


def long_date(day):
    """ "dimanche 20 décembre 2026"."""
    return date_format(day, "l j F Y")


def dates_text(operation):
    """When the operation happens, as its pages say it."""
    if operation.kind == OperationKind.OPENING_DAYS:
        days = days_of(operation)
        if not days:
            return _("Dates à venir")
        return ", ".join(f"{long_date(day.date)} ({format_range(_day_range(day))})" for day in days)
    first, last = first_and_last_day(operation)
    if first is None:
        return _("Dates à venir")
    if last is None:
        return _("Depuis le %(first)s") % {"first": date_format(first, "j F Y")}
    return _("Du %(first)s au %(last)s") % {
        "first": date_format(first, "j F Y"),
        "last": date_format(last, "j F Y"),
    }


def _day_range(day):
    return day_range(day.date, day.opens, day.closes)


# --- /operations/ -------------------------------------------------------------------


@dataclass(frozen=True)
class OperationItem:
    """An operation as the section lists it."""

    page: OperationPage
    dates: str
    shop_count: int
    under_way: bool


def operations_page_context(index_page, request, now):
    """The section's coming operations (soonest first) and its past ones (latest first,
    PAST_OPERATIONS_SHOWN of them): three queries."""
    # The operations, with their counts of live shops.
    front_cache.shows(front_cache.OPERATIONS, front_cache.DIRECTORY)
    day = today(now)
    operations = list(
        OperationPage.objects.child_of(index_page)
        .live()
        .filter(public_q())
        .annotate(shop_count=Count("participations", filter=_live_shop_q("participations__shop")))
        .prefetch_related("days")
    )
    coming, past = coming_and_past(operations, day)

    def item(operation):
        return OperationItem(
            operation, dates_text(operation), operation.shop_count, is_on(operation, day)
        )

    return {
        "coming_operations": [item(operation) for operation in coming],
        "past_operations": [item(operation) for operation in past[:PAST_OPERATIONS_SHOWN]],
        "open_on_sunday_url": index_page.url + index_page.reverse_subpage(OPEN_ON_SUNDAY_SLUG),
    }


def _live_shop_q(prefix):
    """The participations of live shops (not their view restrictions: a count)."""
    return Q(**{f"{prefix}__live": True})


# --- /operations/<operation>/ --------------------------------------------------------


@dataclass(frozen=True)
class ListedShop:
    """A shop in an operation's or a day's list: the directory's card (its status line
    says how it is at the moment the page is about), its hours that day, and how to go
    there."""

    card: object
    hours: list
    directions_url: str

    @property
    def shop(self):
        return self.card.shop


def participant_ids(operation):
    """The ids of the live, public shops taking part, by name: one query."""
    return list(shops_taking_part(operation).values_list("pk", flat=True))


def listed_shops(ids, day, now):
    """The ListedShops of the shops `ids` on `day` (a date; None: as they are now). On
    another day than today, the status line says the hours that day ("Ouvert ce jour-là
    de 10:00 à 18:00"), since "open now" says nothing of a Sunday to come. The cards,
    then the hours that day: a fixed number of queries."""
    cards = shop_cards(ids, None, now)
    if day is None:
        return [_listed(card, []) for card in cards]
    hours = hours_of_shops([card.shop for card in cards], day - timedelta(days=1), day)
    listed = []
    for card in cards:
        ranges = [format_range(opening) for opening in ranges_starting_on(hours[card.shop.pk], day)]
        if day == today(now):
            status = status_line(hours[card.shop.pk], now)
        elif ranges:
            status = _("Ouvert ce jour-là : %(hours)s") % {"hours": ", ".join(ranges)}
        else:
            status = _("Fermé ce jour-là")
        listed.append(_listed(replace(card, status=status), ranges))
    return listed


def _listed(card, ranges):
    location = card.shop.location
    return ListedShop(card, ranges, directions_url(location) if location else "")


def city_of(request):
    settings = SiteSettings.for_request(request)
    return settings.city_name or _("la ville")


def operation_page_context(operation, request, now, *, preview=False):
    """Everything the operation's page shows, seen at `now`."""
    day = today(now)
    if not preview:
        # Read once for the dates, the day the page is about and the events.
        prefetch_related_objects([operation], "days")
    about = day_about(operation, day)
    ids = participant_ids(operation) if operation.pk and not preview else []
    shops = listed_shops(ids, about.date if about else None, now)
    partners = list(operation.partners.select_related("logo")) if operation.pk else []
    load_renditions((partner.logo for partner in partners), PARTNER_LOGO)
    page_url = operation.get_full_url(request) or ""
    hero = share = None
    share_url = ""
    if operation.image is not None:
        hero = responsive_image(operation.image, operation.image_alt, widths=HERO_WIDTHS)
        share = meta_of.share_image(operation.image, operation.image_alt)
        share_url = share.url
    city = city_of(request)
    events = opening_day_events(
        operation,
        page_url=page_url,
        city=city,
        organizer=city_organization(SiteSettings.for_request(request)),
        image_url=share_url,
    )
    graph = [*events, page_breadcrumb(operation, request)]
    return {
        "page_url": page_url,
        "hero": hero,
        "meta": meta_of.for_page(operation, request, image=share),
        "dates": dates_text(operation),
        "days": days_of(operation),
        "day_about": about,
        "day_about_is_today": about is not None and about.date == day,
        "is_opening_days": operation.kind == OperationKind.OPENING_DAYS,
        "is_past": about is not None and about.date < day,
        "shops": shops,
        "map_points": map_points(shops),
        "partners": partners,
        "calendar_url": f"{operation.url}agenda.ics" if operation.url else "",
        "structured_data": json_ld_script({"@context": "https://schema.org", "@graph": graph}),
    }


def operation_page_calendar(operation, request):
    """The operation's PageCalendar (core.calendar)."""
    operation = OperationPage.objects.prefetch_related("days").get(pk=operation.pk)
    site = Site.find_for_request(request)
    return operation_calendar(
        operation,
        page_url=operation.get_full_url(request),
        city=city_of(request),
        host=site.hostname if site else request.get_host(),
    )


# --- « Qui est ouvert dimanche ? » -------------------------------------------------


def open_on_sunday_context(index_page, request, now):
    """The standing page: the next Sunday or public holiday (today's included), the
    shops open that day with their hours (20 a page), and the operations behind it."""
    # Who opens that day: every shop's hours and operations.
    front_cache.shows(front_cache.OPERATIONS, front_cache.DIRECTORY)
    target = next_sunday_or_holiday(today(now))
    open_shops = shops_open_on(target.day)
    paginator = Paginator(open_shops, OPEN_SHOPS_PAGE_SIZE)
    page = page_or_404(paginator, page_number(request.GET))
    shops = listed_shops([shop.shop_id for shop in page.object_list], target.day, now)
    operations = list(
        OperationPage.objects.child_of(index_page)
        .live()
        .filter(public_q(), kind=OperationKind.OPENING_DAYS, days__date=target.day)
        .distinct()
        .order_by("title")
    )
    listing = meta_of.for_page(
        index_page,
        request,
        title=_("Qui est ouvert dimanche ?"),
        description=_("Les commerces ouverts le %(day)s, avec leurs horaires.")
        % {"day": long_date(target.day)},
    )
    url = index_page.get_full_url(request) + index_page.reverse_subpage(OPEN_ON_SUNDAY_SLUG)
    return {
        "meta": meta_of.for_listing(replace(listing, canonical=url), request.GET),
        "target": target,
        "target_date": long_date(target.day),
        "is_today": target.day == today(now),
        "open_count": paginator.count,
        "shops_page": page,
        "shops": shops,
        "map_points": map_points(shops),
        "operations": operations,
    }


# --- The home page's panel -------------------------------------------------------


NEXT_DAY_KEY = "vitrine:next-opening-day:{generation}:{day}:{section}"


def next_day_announcement(section, day):
    """What the home page says of the next opening day of `section` from `day` on: a
    dict (the operation's URL and title, the date, whether it is today, how many shops
    open then), or {} when none is to come. Kept in the cache under the shop pages'
    generation (directory.shop_cache), which any change of a shop, its hours, a
    participation or a page drops: the home page asks it at every visit."""

    def build():
        upcoming = next_opening_day(day, OperationPage.objects.child_of(section))
        if upcoming is None:
            return {}
        joined = Q(operation_participations__operation=upcoming.operation)
        count = len(shops_open_on(upcoming.day.date, joined))
        return {
            "url": upcoming.operation.url,
            "title": upcoming.operation.title,
            "date": date_format(upcoming.day.date, "l j F").capitalize(),
            "is_today": upcoming.day.date == day,
            "open_text": ngettext("%(count)s commerce ouvert", "%(count)s commerces ouverts", count)
            % {"count": count},
        }

    key = NEXT_DAY_KEY.format(generation=generation(), day=day.isoformat(), section=section.pk)
    return cached(key, build)


def home_page_panel(request, page, sections):
    """The next opening day of the town ("Dimanche 20 décembre : 34 commerces ouverts",
    linking to its operation) and « Qui est ouvert dimanche ? », when the site has an
    operations section (home.extension_points.HOME_PAGE_PANELS): no query once kept,
    five to work it out."""
    section = next((child for child in sections if isinstance(child, OperationsPage)), None)
    if section is None:
        return None
    front_cache.shows(front_cache.OPERATIONS, front_cache.DIRECTORY)
    url = section.get_url(request)
    return Panel(
        "directory/components/home_operations.html",
        {
            "open_on_sunday_url": url + section.reverse_subpage(OPEN_ON_SUNDAY_SLUG),
            "operations_url": url,
            "next_day": next_day_announcement(section, today()),
        },
    )
