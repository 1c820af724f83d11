"""The merchant's hours editor, as plain functions of rows and dates.

A merchant edits the week as one grid (a line per day, a second range after the lunch
break), or types it on one line in OpenStreetMap's form (`Mo-Fr 09:00-18:00; Sa
10:00-17:00`, read by `directory.osm_hours`, as the CSV import reads it); a lunch break
and a holiday closure ("Congés du … au …") are each one action. What comes out is the
shop's ordinary rows (`OpeningHours`, `SpecialHours`), set on the page by its form
(`directory.forms.ShopPageForm`), so revisions and moderation see an ordinary edit.

Rows are (weekday, opens, closes) tuples with Monday = 0 and public holidays = 7, as
`directory.osm_hours` has them.
"""

from datetime import time
from itertools import pairwise

from django.utils.translation import gettext as _

from directory.osm_hours import PUBLIC_HOLIDAY, format_opening_hours, read_opening_hours

GRID_DAYS = tuple(range(PUBLIC_HOLIDAY + 1))
# Two ranges a day (a lunch break) are what nearly every shop needs; a day with more
# (staff may have entered three) gets as many slots as it has.
RANGES_PER_DAY = 2


def grid_of(rows):
    """{weekday: [(opens, closes), ...]} for every day of the grid, ranges by time."""
    grid = {day: [] for day in GRID_DAYS}
    for weekday, opens, closes in rows:
        grid[weekday].append((opens, closes))
    return {day: sorted(ranges) for day, ranges in grid.items()}


def rows_of(grid):
    """The rows of a grid, sorted by weekday then opening time."""
    return [(day, opens, closes) for day in sorted(grid) for opens, closes in sorted(grid[day])]


def overlapping(ranges):
    """Whether two of a day's (opens, closes) ranges overlap; a range that ends after
    midnight overlaps any range after it (osm_hours reads a day the same way)."""
    ranges = sorted(ranges)
    return any(
        first_closes <= first_opens or second_opens < first_closes
        for (first_opens, first_closes), (second_opens, _second) in pairwise(ranges)
    )


def with_lunch_break(rows, start, end):
    """`rows` with the break from `start` to `end` taken out of every range that
    spans it (09:00–18:00 becomes 09:00–12:00 and 13:00–18:00). A range that does not
    span the whole break, or runs past midnight, is left as it is, so applying the
    same break again changes nothing."""
    result = []
    for weekday, opens, closes in rows:
        if opens < closes and opens <= start and end <= closes:
            if opens < start:
                result.append((weekday, opens, start))
            if end < closes:
                result.append((weekday, end, closes))
        else:
            result.append((weekday, opens, closes))
    return result


def one_line(rows, holiday_rule):
    """The week in OpenStreetMap's form, as the CSV export writes it (special hours
    are edited apart, so they are left out)."""
    return format_opening_hours(rows, holiday_rule)


def read_one_line(text, today):
    """What a merchant's one-line entry says (osm_hours.OsmHours). Raises ValueError
    with the French message of `read_opening_hours`, naming the faulty rule."""
    return read_opening_hours(text, today)


def special_rows_of(dated):
    """The SpecialHours fields of dated rules (osm_hours.DatedHours): one closed row,
    or one row a range."""
    rows = []
    for rule in dated or ():
        base = {"start_date": rule.start, "end_date": rule.end, "label": rule.label}
        if rule.closed or not rule.ranges:
            rows.append({**base, "closed": True, "opens": None, "closes": None})
        else:
            rows.extend(
                {**base, "closed": False, "opens": opens, "closes": closes}
                for opens, closes in rule.ranges
            )
    return rows


def closure_fields(start, end, label):
    """The SpecialHours fields of a holiday closure, "Congés" when it has no label."""
    return {
        "start_date": start,
        "end_date": end,
        "label": label or _("Congés"),
        "closed": True,
        "opens": None,
        "closes": None,
    }


SPECIAL_KEY = ("start_date", "end_date", "label", "closed", "opens", "closes")


def special_key(fields):
    """What makes two special hours the same, so that a form sent twice (the editor's
    autosave sends it every few seconds) adds a closure once."""
    return tuple(
        value.replace(second=0, microsecond=0) if isinstance(value, time) else value
        for value in (fields[name] for name in SPECIAL_KEY)
    )


class HoursNotConfirmed(Exception):
    """Why "Mes horaires sont à jour" cannot be recorded now (its message, in French)."""


def confirm_hours(shop, user, day, may_publish):
    """Record that `user` confirmed `shop`'s hours on `day`, as a revision of the live
    page: published when `may_publish`, else submitted to the shop's workflow (as the
    merchant's other edits under moderation). Returns the revision.

    Refused (HoursNotConfirmed) while the shop has changes not yet published or is
    locked for `user`: the confirmation would publish them, or overwrite them."""
    lock = shop.get_lock()
    if lock is not None and lock.for_user(user):
        raise HoursNotConfirmed(_("La fiche est verrouillée : réessayez plus tard."))
    if not shop.live or shop.has_unpublished_changes:
        raise HoursNotConfirmed(
            _(
                "La fiche a des modifications pas encore publiées : ouvrez-la, cochez « Mes "
                "horaires sont à jour » et publiez."
            )
        )
    shop.hours_confirmed_on = day
    revision = shop.save_revision(user=user, log_action=True)
    if may_publish:
        revision.publish(user=user)
    elif (workflow := shop.get_workflow()) is not None:
        workflow.start(shop, user)
    return revision
