"""What Vitrine reads from an `opening_hours` text means what OpenStreetMap means by it:
opening-hours-py (a kept parser of the whole grammar, with Belgium's public holidays)
is the reference, compared with `is_open` on the rows Vitrine keeps, every half hour
around Christmas and Easter Monday.

Two differences are Vitrine's on purpose and stay out of these texts: a text that names
no PH rule keeps the usual hours on holidays in OSM, which is what the reference gets
here, while the import leaves an existing shop's rule as it is and closes a new one on
holidays (README); and a night range belongs to the day it starts, so "Th 22:00-02:00;
PH off" runs into a holiday Friday in Vitrine and not in opening-hours-py."""

from datetime import date, datetime, timedelta

import opening_hours
import pytest

from core.clock import BRUSSELS
from directory.hours import Hours, is_open
from directory.osm_hours import USUAL_HOURS, read_opening_hours

TODAY = date(2026, 11, 27)
TEXTS = [
    "Mo-Sa 09:00-18:00; PH off",
    "Mo-Fr 09:00-12:30,13:30-18:30; Sa 10:00-17:00",
    "Mo-Sa 09:00-18:00; PH 10:00-12:00",
    "PH 10:00-12:00",
    "Tu-Su 07:00-13:00; PH,Mo off",
    "24/7",
    "24/7; PH off",
    "Mo-Sa,PH 08:00-20:00",
    'Mo-Sa 09:00-18:00; PH off; Dec 24 09:00-12:00 "Réveillon"; Dec 31 10:00-15:00',
    "Mo-Su 10:00-18:00; Dec 25 off; Dec 26 12:00-16:00",
    'Mo-Fr 09:00-18:00 "sur rendez-vous le vendredi"; PH off',
]
WINDOWS = [(date(2026, 12, 20), date(2027, 1, 4)), (date(2027, 3, 29), date(2027, 4, 2))]


def vitrine_hours(text):
    hours = read_opening_hours(text, TODAY)
    special = [
        (rule.start, rule.end, rule.label, rule.closed or not rule.ranges, opens, closes)
        for rule in hours.dated or ()
        for opens, closes in (rule.ranges or [(None, None)])
    ]
    return Hours.of(hours.weekly, special, hours.holiday_rule or USUAL_HOURS)


def half_hours():
    for first, last in WINDOWS:
        moment = datetime.combine(first, datetime.min.time())
        while moment.date() <= last:
            yield moment
            moment += timedelta(minutes=30)


@pytest.mark.parametrize("text", TEXTS)
def test_vitrine_reads_the_text_as_opening_hours_py_does(text):
    reference = opening_hours.OpeningHours(text, country="BE")
    hours = vitrine_hours(text)
    for moment in half_hours():
        expected = reference.is_open(moment)
        assert is_open(hours, moment.replace(tzinfo=BRUSSELS)) == expected, (text, moment)
