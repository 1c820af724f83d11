"""The city's operations in the demo: the /operations/ section, a Sunday opening before
Christmas with 20 shops (some with their own hours), a braderie in June and the city's
chèques commerce scheme with 30 shops. A step of `demo.runner.seed_demo`, after the
shops.

Dates are relative to the day it runs, and ahead of it: the Sunday opening is the next
Sunday in December before Christmas after that day, the braderie the first Sunday of
the next June. The shops
taking part are fixed (by their reference), but for the two demo merchants' bakeries,
left out so that their merchants can join from their dashboard.

The chèques commerce used to be a service of the directory ("Chèques commerce de la
ville acceptés"); the scheme replaces it (`replaces_service`), so `?service=
cheques-commerce` on the directory keeps finding the shops that accept them. A demo
database seeded before has its service's shops moved to the scheme, and the service
deleted.
"""

from datetime import date, time, timedelta

from core.clock import today
from demo.merchants import MERCHANT_SHOPS
from demo.pages import child_page
from directory.models import (
    OperationDay,
    OperationKind,
    OperationPage,
    OperationParticipation,
    OperationsPage,
    Service,
    ShopPage,
)
from home.models import HomePage

CHEQUES_SERVICE = "cheques-commerce"
SUNDAY = 6


# The Sunday opening is "avant les fêtes": on the 24th at the latest.
CHRISTMAS_EVE = 24


def next_december_sunday(day):
    """The first Sunday in December before Christmas after `day`."""
    candidate = day + timedelta(days=1)
    while candidate.month != 12 or candidate.day > CHRISTMAS_EVE or candidate.weekday() != SUNDAY:
        candidate += timedelta(days=1)
    return candidate


def next_june_sunday(day):
    """The first Sunday of the next June that has not passed after `day`."""
    for year in (day.year, day.year + 1):
        first = date(year, 6, 1)
        sunday = first + timedelta(days=(SUNDAY - first.weekday()) % 7)
        if sunday > day:
            return sunday
    raise AssertionError("unreachable")


def _demo_shops():
    """The live demo shops in reference order, but for the demo merchants' own."""
    return list(
        ShopPage.objects.live()
        .filter(reference__startswith="demo-")
        .exclude(slug__in=MERCHANT_SHOPS.values())
        .order_by("reference")
    )


def _operation(section, slug, report, days=(), **fields):
    existing = section.get_children().filter(slug=slug).exists()
    operation = child_page(
        section,
        OperationPage,
        slug,
        report,
        days=[OperationDay(date=day, opens=opens, closes=closes) for day, opens, closes in days],
        **fields,
    )
    return operation, not existing


def _take_part(operation, shops, own_hours=None):
    """Each of `shops` joins `operation`; `own_hours(index)` gives (opens, closes) or
    None for the day's."""
    OperationParticipation.objects.bulk_create(
        [
            OperationParticipation(
                operation=operation,
                shop=shop,
                **(
                    dict(zip(("opens", "closes"), own_hours(index), strict=True))
                    if own_hours and own_hours(index)
                    else {}
                ),
            )
            for index, shop in enumerate(shops)
        ],
        ignore_conflicts=True,
    )


def seed_operations(report):
    home = HomePage.objects.first()
    if home is None:
        return
    section = child_page(
        home,
        OperationsPage,
        "operations",
        report,
        title="Opérations",
        intro="<p>Dimanches shopping, braderies et chèques commerce : ce que la Ville "
        "organise avec ses commerces.</p>",
        # In the main menu, and so on the home page (its next opening day).
        show_in_menus=True,
    )
    day = today()
    shops = _demo_shops()

    sunday = next_december_sunday(day)
    opening, created = _operation(
        section,
        "dimanche-shopping",
        report,
        title="Dimanche shopping de décembre",
        intro="<p>Les commerces de Vilvèze ouvrent leurs portes un dimanche avant les "
        "fêtes : flânez, offrez, soutenez le commerce local.</p>",
        kind=OperationKind.OPENING_DAYS,
        days=[(sunday, time(10), time(18))],
        joining_closes_on=sunday - timedelta(days=1),
    )
    if created:
        # One shop in four keeps hours of its own that day.
        _take_part(
            opening, shops[:20], lambda index: (time(13), time(17)) if index % 4 == 1 else None
        )

    braderie_day = next_june_sunday(day)
    braderie, created = _operation(
        section,
        "braderie-de-juin",
        report,
        title="Braderie de juin",
        intro="<p>Les commerçants sortent sur le trottoir : bonnes affaires, animations et "
        "terrasses dans tout le centre.</p>",
        kind=OperationKind.OPENING_DAYS,
        days=[(braderie_day, time(9), time(19))],
        joining_closes_on=braderie_day - timedelta(days=7),
    )
    if created:
        _take_part(braderie, shops[20:32])

    cheques, created = _operation(
        section,
        "cheques-commerce",
        report,
        title="Chèques commerce de la Ville",
        intro="<p>Les chèques commerce offerts par la Ville se dépensent dans les commerces "
        "participants.</p>",
        kind=OperationKind.SCHEME,
        start_date=date(day.year, 1, 1),
        end_date=date(day.year + 1, 12, 31),
        replaces_service=CHEQUES_SERVICE,
    )
    # A database seeded before the scheme: its service's shops take part instead.
    service = Service.objects.filter(slug=CHEQUES_SERVICE).first()
    if service is not None:
        _take_part(cheques, ShopPage.objects.filter(services=service))
        service.delete()
        report.add("service « Chèques commerce » remplacé par le dispositif")
    elif created:
        # Thirty shops, spread over the categories (every other one first).
        _take_part(cheques, (shops[::2] + shops[1::2])[:30])
