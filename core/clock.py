"""The town's clock: what time and what day it is in Brussels.

Shops announce their hours in wall-clock time ("09:00–18:30" is 09:00 on the clock in
town, summer or winter), offers run from one date to another in town, and a day of
counting is a day in town. Every "now", "today" and "what time is it there" of the site
comes from here, so the answers agree: one "today", not one per app.

The moment itself comes from Django's `timezone.now()`, looked up at each call, so a
test that sets `django.utils.timezone.now` sets the site's clock everywhere.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone

BRUSSELS = ZoneInfo("Europe/Brussels")


def now():
    """The current moment, an aware datetime."""
    return timezone.now()


def local_time(moment):
    """An aware datetime as naive wall-clock time in Brussels."""
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


def today(now=None):
    """The date in Brussels at `now` (an aware datetime; the current moment by default).

    Also a model field's default (an offer's first day, a story's date): Django calls it
    without arguments."""
    return local_time(now or timezone.now()).date()
