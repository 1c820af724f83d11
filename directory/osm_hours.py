"""Weekly opening hours in the OpenStreetMap `opening_hours` form (its common subset).

    Mo-Fr 09:00-12:30,13:30-18:30; Sa 10:00-17:00; Su off
    Mo,We,Fr 08:00-12:00; Fr 22:00-02:00
    24/7

Rows are (weekday, opens, closes) tuples with Monday = 0, as `OpeningHours` stores them;
a range whose closing time is not after its opening time ends the next day. As in OSM, a
later rule replaces what earlier rules said about its days ("Mo-Fr 09:00-18:00; We off"
is closed on Wednesday). A rule without days applies to every day.

`format_opening_hours` writes the canonical compact form (days with the same ranges
grouped, closed days left out), which `parse_opening_hours` reads back unchanged.
"""

import re
from datetime import time
from itertools import pairwise

from django.utils.translation import gettext as _

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_NUMBERS = {day.lower(): number for number, day in enumerate(DAYS)}
ALWAYS_OPEN = "24/7"
_MIDNIGHT = time(0, 0)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
# Spreadsheets and word processors like to turn hyphens into dashes.
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})
_SPACED_SEPARATOR = re.compile(r"\s*([-,])\s*")


def parse_opening_hours(text):
    """The rows described by `text`, sorted by weekday then opening time.

    Raises ValueError with a French message saying what is wrong and where."""
    text = (text or "").translate(_DASHES).strip()
    week = {}
    for rule in (_SPACED_SEPARATOR.sub(r"\1", part).strip() for part in text.split(";")):
        if not rule:
            continue
        if rule == ALWAYS_OPEN:
            week.update({day: [(_MIDNIGHT, _MIDNIGHT)] for day in range(7)})
            continue
        days, ranges = _parse_rule(rule)
        week.update(dict.fromkeys(days, ranges))
    return [(day, opens, closes) for day in sorted(week) for opens, closes in week[day]]


def format_opening_hours(rows):
    """The canonical OSM form of `rows`: "Mo-Fr 09:00-18:00; Sa 10:00-17:00"."""
    week = {}
    for weekday, opens, closes in rows:
        week.setdefault(weekday, []).append((_minute(opens), _minute(closes)))
    schedules = {day: tuple(sorted(ranges)) for day, ranges in week.items()}
    if schedules and all(schedules.get(day) == ((_MIDNIGHT, _MIDNIGHT),) for day in range(7)):
        return ALWAYS_OPEN
    days_by_schedule = {}
    for day in sorted(schedules):
        days_by_schedule.setdefault(schedules[day], []).append(day)
    rules = [
        f"{_format_days(days)} {','.join(_format_range(*pair) for pair in schedule)}"
        for schedule, days in days_by_schedule.items()
    ]
    return "; ".join(rules)


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
    ranges = sorted(_parse_range(part.strip(), rule) for part in times.split(","))
    for (first_opens, first_closes), (second_opens, _second_closes) in pairwise(ranges):
        # A first range running past midnight overlaps any later range of its day.
        if first_closes <= first_opens or second_opens < first_closes:
            raise ValueError(
                _("« %(rule)s » : des plages se chevauchent le même jour.") % {"rule": rule}
            )
    return days, ranges


def _parse_days(selector, rule):
    days = []
    for part in selector.split(","):
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
                "Mo, Tu, We, Th, Fr, Sa, Su (p. ex. « Mo-Fr » ou « Mo,We »)."
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
