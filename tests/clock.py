"""The site's clock, frozen for a test at a chosen moment in Brussels.

The `clock` fixture (tests/conftest.py) hands out a `FrozenClock`; modules that build
dates around the default moment import `TUESDAY_MORNING` from here."""

from datetime import datetime

from core.clock import BRUSSELS

# The one name the whole site asks for the time: every module calls `timezone.now()` at
# call time, and so do Django's `localtime()`/`localdate()` and Wagtail's scheduled
# publishing. Replacing it freezes all of them; if the site's clock ever moves behind
# another name, point this at it (tests/test_clock.py checks the site sees the freeze).
SITE_CLOCK = "django.utils.timezone.now"

# Tuesday 24 November 2026, 10:00 in Brussels: 2026-11-23 is a Monday, the coming
# Sunday the 29th, and it is winter time (UTC+1).
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


class FrozenClock:
    """The time the site sees: `clock.now` until the test calls `clock(another_moment)`."""

    def __init__(self, monkeypatch, moment=TUESDAY_MORNING):
        self._monkeypatch = monkeypatch
        self(moment)

    def __call__(self, moment):
        """Move the clock to `moment`, an aware datetime; returns it."""
        if moment.utcoffset() is None:
            raise ValueError(f"The clock needs an aware datetime, not {moment!r}.")
        self.now = moment
        self._monkeypatch.setattr(SITE_CLOCK, lambda: moment)
        return moment

    @property
    def today(self):
        """The date in Brussels at the frozen moment."""
        return self.now.astimezone(BRUSSELS).date()
