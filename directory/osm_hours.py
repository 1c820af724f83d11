"""Opening hours in the OpenStreetMap `opening_hours` form (the part people write).

    Mo-Fr 09:00-12:30,13:30-18:30; Sa 10:00-17:00; Su off
    Mo,We,Fr 08:00-12:00; Fr 22:00-02:00; PH off
    Mo-Sa 09:00-18:00; PH 10:00-13:00; Dec 24 09:00-12:00 "Réveillon"; Dec 25 off
    24/7

Rows are (weekday, opens, closes) tuples with Monday = 0, as `OpeningHours` stores them,
and `PH` (public holidays) is day 7 (`Weekday.PUBLIC_HOLIDAY`); a range whose closing
time is not after its opening time ends the next day. As in OSM, a later rule replaces
what earlier rules said about its days ("Mo-Fr 09:00-18:00; We off" is closed on
Wednesday). A rule without days applies to every day of the week. A comment in double
quotes may end a rule; a dated rule keeps it as its label, a weekly one drops it.

Dated rules (`Dec 24 09:00-12:00`, `Dec 25 off`, `Dec 24-26 off`, `2026 Dec 31
08:00-15:00`) are yearly in OSM; Vitrine keeps the next one, from `today` on, as the
shop's special hours (a rule with a year: that one), since special hours are what a
shop announces for a date. The export writes them back with their year.

`format_opening_hours` writes the canonical compact form (days with the same ranges
grouped, closed days left out), which `read_opening_hours` reads back unchanged.

opening-hours-py (a kept parser of the whole OSM grammar) is not used here: it answers
"open at this moment?" but gives no access to the rules it parsed, which the shop's
rows (and the directory's SQL) need, and it says what is wrong in English. The tests
use it as a reference for what each accepted form means.
"""

import re
from dataclasses import dataclass, field
from datetime import date, time
from itertools import pairwise

from django.utils.translation import gettext as _

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
PUBLIC_HOLIDAY = 7  # directory.models.Weekday.PUBLIC_HOLIDAY
HOLIDAY_DAY = "PH"
_DAY_NUMBERS = {day.lower(): number for number, day in enumerate(DAYS)}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {month.lower(): number for number, month in enumerate(MONTHS, start=1)}
# Holiday rules as directory.models.HolidayRule stores them.
CLOSED, USUAL_HOURS, OWN_HOURS = "closed", "usual", "own"
ALWAYS_OPEN = "24/7"
_COMMENT = re.compile(r'^(?P<rule>[^"]*?)\s*"(?P<comment>[^"]*)"$')
_DATED = re.compile(
    r"^(?:(?P<year>\d{4}) )?(?P<month>[A-Za-z]{3}) ?(?P<day>\d{1,2})"
    r"(?:-(?:(?P<end_year>\d{4}) )?(?:(?P<end_month>[A-Za-z]{3}) ?)?(?P<end_day>\d{1,2}))?"
    r"(?: (?P<times>.*))?$"
)
LABEL_LENGTH = 60  # SpecialHours.label
_MIDNIGHT = time(0, 0)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
# Spreadsheets and word processors like to turn hyphens into dashes.
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})
_SPACED_SEPARATOR = re.compile(r"\s*([-,])\s*")


@dataclass(frozen=True)
class DatedHours:
    """A dated rule: closed, or open on `ranges` ((opens, closes) pairs), from `start`
    to `end` (dates, both included)."""

    start: date
    end: date
    label: str = ""
    closed: bool = False
    ranges: tuple = ()


@dataclass
class OsmHours:
    """What an `opening_hours` text says: the weekly rows (public holidays' own ranges
    as day 7), the holiday rule if it says one (None: it does not), and the dated rules
    (None: it has none; those over before `today` are left out)."""

    weekly: list = field(default_factory=list)
    holiday_rule: str | None = None
    dated: list | None = None


def parse_opening_hours(text):
    """The weekly rows described by `text`, sorted by weekday then opening time."""
    return read_opening_hours(text).weekly


def read_opening_hours(text, today=None):
    """Everything `text` says, as OsmHours; dated rules without a year are the next
    such dates from `today` (a date; the town's today by default).

    Raises ValueError with a French message saying what is wrong and where."""
    text = (text or "").translate(_DASHES).strip()
    week, dated, holiday_rule = {}, None, None
    for rule in _split_rules(text):
        rule, comment = _without_comment(rule)
        rule = _SPACED_SEPARATOR.sub(r"\1", rule).strip()
        if not rule:
            continue
        if rule == ALWAYS_OPEN:
            # Every day and every holiday, as OSM means it.
            week.update({day: [(_MIDNIGHT, _MIDNIGHT)] for day in range(7)})
            week.pop(PUBLIC_HOLIDAY, None)
            holiday_rule = USUAL_HOURS
            continue
        if _DATED.match(rule) and (rule[:1].isdigit() or rule[:3].lower() in _MONTH_NUMBERS):
            found = _parse_dated(rule, comment, today)
            # A rule over already (an old file's) says nothing of the shop's dates now.
            if found is not None:
                dated = [*(dated or []), found]
            continue
        days, ranges = _parse_rule(rule)
        week.update(dict.fromkeys(days, ranges))
        if PUBLIC_HOLIDAY in days:
            holiday_rule = OWN_HOURS if ranges else CLOSED
    weekly = [(day, opens, closes) for day in sorted(week) for opens, closes in week[day]]
    return OsmHours(weekly, holiday_rule, dated)


def _split_rules(text):
    """The rules of `text`, split on the semicolons outside double quotes."""
    rules, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            rules.append("".join(current))
            current = []
        else:
            current.append(char)
    if quoted:
        raise ValueError(
            _("« %(text)s » : un commentaire entre guillemets n'est pas refermé.") % {"text": text}
        )
    rules.append("".join(current))
    return rules


def _without_comment(rule):
    """(the rule, its comment) for a rule that may end with a "comment"."""
    rule = rule.strip()
    if '"' not in rule:
        return rule, ""
    match = _COMMENT.match(rule)
    if match is None:
        raise ValueError(
            _("« %(rule)s » : un commentaire entre guillemets se met à la fin de la règle.")
            % {"rule": rule}
        )
    return match["rule"], match["comment"].strip()


def _parse_dated(rule, comment, today):
    """The DatedHours of a rule such as "Dec 24 09:00-12:00" or "2026 Dec 25-26 off";
    None when it has a year and is over before `today`."""
    from core.clock import today as town_today

    today = today or town_today()
    match = _DATED.match(rule)
    month = _month(match["month"], rule)
    end_month = _month(match["end_month"], rule) if match["end_month"] else month
    day, end_day = int(match["day"]), int(match["end_day"] or match["day"])
    times = (match["times"] or "").strip()
    if not times:
        raise ValueError(
            _(
                "« %(rule)s » : indiquez les heures après la date "
                "(p. ex. « %(rule)s 09:00-12:00 » ou « %(rule)s off »)."
            )
            % {"rule": rule}
        )
    if len(comment) > LABEL_LENGTH:
        raise ValueError(
            _("« %(rule)s » : le commentaire dépasse %(length)s caractères.")
            % {"rule": rule, "length": LABEL_LENGTH}
        )
    # Only a range into the next year ("Dec 30-Jan 02") ends on an earlier month and day.
    if end_month == month and end_day < day:
        raise ValueError(_("« %(rule)s » : la fin précède le début.") % {"rule": rule})
    closed = times.lower() in ("off", "closed")
    ranges = () if closed else tuple(_parse_ranges(times, rule))
    if match["year"]:
        start = _date(int(match["year"]), month, day, rule)
        end_year = int(match["end_year"] or match["year"])
        end = _date(end_year, end_month, end_day, rule)
        if not match["end_year"] and end < start:
            end = _date(end_year + 1, end_month, end_day, rule)
        if end < start:
            raise ValueError(_("« %(rule)s » : la fin précède le début.") % {"rule": rule})
        if end < today:
            return None
    else:
        if match["end_year"]:
            raise ValueError(
                _("« %(rule)s » : une année de fin demande une année de début.") % {"rule": rule}
            )
        start, end = _next_dates(today, month, day, end_month, end_day, rule)
    return DatedHours(start, end, comment, closed, ranges)


def _month(text, rule):
    try:
        return _MONTH_NUMBERS[text.lower()]
    except KeyError:
        raise ValueError(
            _(
                "« %(rule)s » : mois inconnu « %(month)s » ; les mois s'écrivent Jan, Feb, "
                "Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec."
            )
            % {"rule": rule, "month": text}
        ) from None


def _date(year, month, day, rule):
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(
            _("« %(rule)s » : le %(day)s %(month)s n'existe pas en %(year)s.")
            % {"rule": rule, "day": day, "month": MONTHS[month - 1], "year": year}
        ) from None


def _next_dates(today, month, day, end_month, end_day, rule):
    """The next (start, end) of a yearly date range that is not over by `today`."""
    # 29 February waits for a leap year: at most eight years away.
    for year in range(today.year - 1, today.year + 9):
        try:
            start = date(year, month, day)
            end = date(year + ((end_month, end_day) < (month, day)), end_month, end_day)
        except ValueError:
            continue
        if end >= today:
            return start, end
    raise ValueError(
        _("« %(rule)s » : cette date n'existe pas (p. ex. « Dec 24 »).") % {"rule": rule}
    )


def format_opening_hours(rows, holiday_rule=USUAL_HOURS, dated=()):
    """The canonical OSM form of `rows` (public holidays' own ranges as day 7), the
    shop's `holiday_rule` and its `dated` rules (DatedHours, written with their year):
    "Mo-Fr 09:00-18:00; Sa 10:00-17:00; PH off; 2026 Dec 24 09:00-12:00 "Réveillon"".

    The usual hours on holidays is what OSM means when no rule names PH, so that rule
    writes nothing; neither does a shop without weekly hours that closes on holidays
    (the default, and "PH off" alone would read as a shop whose hours are known)."""
    week = {}
    for weekday, opens, closes in rows:
        week.setdefault(weekday, []).append((_minute(opens), _minute(closes)))
    holiday_ranges = week.pop(PUBLIC_HOLIDAY, [])
    schedules = {day: tuple(sorted(ranges)) for day, ranges in week.items()}
    rules = []
    if schedules and all(schedules.get(day) == ((_MIDNIGHT, _MIDNIGHT),) for day in range(7)):
        rules.append(ALWAYS_OPEN)
    else:
        days_by_schedule = {}
        for day in sorted(schedules):
            days_by_schedule.setdefault(schedules[day], []).append(day)
        rules.extend(
            f"{_format_days(days)} {_format_ranges(schedule)}"
            for schedule, days in days_by_schedule.items()
        )
    if holiday_rule == OWN_HOURS and holiday_ranges:
        rules.append(f"{HOLIDAY_DAY} {_format_ranges(sorted(holiday_ranges))}")
    elif holiday_rule in (CLOSED, OWN_HOURS) and rules:
        rules.append(f"{HOLIDAY_DAY} off")
    rules.extend(_format_dated(rule) for rule in dated)
    return "; ".join(rules)


def _format_ranges(pairs):
    return ",".join(_format_range(*pair) for pair in pairs)


def _format_dated(rule):
    start = f"{rule.start.year} {MONTHS[rule.start.month - 1]} {rule.start.day:02d}"
    if rule.end == rule.start:
        dates = start
    elif rule.end.year != rule.start.year:
        dates = f"{start}-{rule.end.year} {MONTHS[rule.end.month - 1]} {rule.end.day:02d}"
    elif rule.end.month != rule.start.month:
        dates = f"{start}-{MONTHS[rule.end.month - 1]} {rule.end.day:02d}"
    else:
        dates = f"{start}-{rule.end.day:02d}"
    times = "off" if rule.closed or not rule.ranges else _format_ranges(rule.ranges)
    # A double quote would end the comment: the label's are written as single ones.
    label = rule.label.replace('"', "'")
    return f'{dates} {times} "{label}"' if label else f"{dates} {times}"


def _parse_rule(rule):
    """(weekdays, ranges) of one rule such as "Mo-Fr 09:00-12:00,14:00-18:00"."""
    if rule[0].isdigit():
        selector, times = "Mo-Su", rule
    else:
        selector, _space, times = rule.partition(" ")
        times = times.strip()
    days = _parse_days(selector, rule)
    if not times:
        raise ValueError(
            _(
                "« %(rule)s » : indiquez les heures après les jours "
                "(p. ex. « %(rule)s 09:00-18:00 »)."
            )
            % {"rule": rule}
        )
    if times.lower() in ("off", "closed"):
        return days, []
    return days, _parse_ranges(times, rule)


def _parse_ranges(times, rule):
    """The sorted (opens, closes) pairs of "09:00-12:00,14:00-18:00"."""
    ranges = sorted(_parse_range(part.strip(), rule) for part in times.split(","))
    for (first_opens, first_closes), (second_opens, _second_closes) in pairwise(ranges):
        # A first range running past midnight overlaps any later range of its day.
        if first_closes <= first_opens or second_opens < first_closes:
            raise ValueError(
                _("« %(rule)s » : des plages se chevauchent le même jour.") % {"rule": rule}
            )
    return ranges


def _parse_days(selector, rule):
    days = []
    for part in selector.split(","):
        if part.strip().lower() == HOLIDAY_DAY.lower():
            days.append(PUBLIC_HOLIDAY)
            continue
        first, dash, last = part.strip().partition("-")
        start = _parse_day(first, rule)
        end = _parse_day(last, rule) if dash else start
        # OSM allows a range across the week's end, such as "Fr-Mo".
        span = (end - start) % 7
        days.extend((start + offset) % 7 for offset in range(span + 1))
    return sorted(set(days))


def _parse_day(text, rule):
    try:
        return _DAY_NUMBERS[text.strip().lower()]
    except KeyError:
        raise ValueError(
            _(
                "« %(rule)s » : jour inconnu « %(day)s » ; les jours s'écrivent "
                "Mo, Tu, We, Th, Fr, Sa, Su, et PH pour les jours fériés (p. ex. « Mo-Fr » "
                "ou « Mo,We »)."
            )
            % {"rule": rule, "day": text.strip()}
        ) from None


def _parse_range(text, rule):
    opens_text, dash, closes_text = text.partition("-")
    if not dash:
        raise ValueError(
            _("« %(rule)s » : « %(range)s » n'est pas une plage comme « 09:00-18:00 ».")
            % {"rule": rule, "range": text}
        )
    opens_minutes = _parse_clock(opens_text, rule, latest=23 * 60 + 59)
    # OSM writes a closing time after midnight either as "02:00" or as "26:00".
    closes_minutes = _parse_clock(closes_text, rule, latest=48 * 60)
    if closes_minutes > 24 * 60:
        closes_minutes -= 24 * 60
        if closes_minutes > opens_minutes:
            raise ValueError(
                _("« %(rule)s » : la plage « %(range)s » dure plus de 24 heures.")
                % {"rule": rule, "range": text}
            )
    elif closes_minutes == opens_minutes:
        raise ValueError(
            _("« %(rule)s » : la plage « %(range)s » ouvre et ferme à la même heure.")
            % {"rule": rule, "range": text}
        )
    return _clock(opens_minutes), _clock(closes_minutes % (24 * 60))


def _parse_clock(text, rule, latest):
    match = _CLOCK.match(text.strip())
    if match:
        hours, minutes = int(match[1]), int(match[2])
        total = hours * 60 + minutes
        if minutes < 60 and total <= latest:
            return total
    raise ValueError(
        _("« %(rule)s » : heure invalide « %(clock)s » (attendu HH:MM, p. ex. 09:30).")
        % {"rule": rule, "clock": text.strip()}
    )


def _clock(minutes):
    return time(minutes // 60, minutes % 60)


def _minute(moment):
    """`moment` without seconds: OSM hours are to the minute."""
    return moment.replace(second=0, microsecond=0)


def _format_days(days):
    """ "Mo-We,Fr" for [0, 1, 2, 4]: runs of three days or more become ranges."""
    runs = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[day] for day in run)
    return ",".join(parts)


def _format_range(opens, closes):
    if closes == _MIDNIGHT:
        closing = "24:00"
    elif closes == opens:
        # A full 24 hours from `opens`: OSM's extended time, e.g. "09:00-33:00".
        closing = f"{closes.hour + 24:02d}:{closes.minute:02d}"
    else:
        closing = f"{closes:%H:%M}"
    return f"{opens:%H:%M}-{closing}"
