"""The dates an offer lives by, in Brussels: "today", "the coming Sunday", "current"."""

from datetime import timedelta
from enum import StrEnum

from core.clock import today

MAX_DURATION = timedelta(weeks=8)
ENDING_SOON_DAYS = 2


def coming_sunday(day=None):
    """The Sunday ending the week of `day` (today by default); Sunday itself if it is one."""
    day = day or today()
    return day + timedelta(days=6 - day.weekday())


def is_current(start_date, end_date, day):
    return start_date <= day <= end_date


def ends_soon(end_date, day):
    """True during an offer's last two days (the "se termine bientôt" badge)."""
    return 0 <= (end_date - day).days < ENDING_SOON_DAYS


class Availability(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    ENDED = "ended"


def availability(offer, day):
    """Whether `offer` has not started, runs or has ended on `day` (its dates alone;
    whether it is live is Wagtail's business)."""
    if day < offer.start_date:
        return Availability.UPCOMING
    if day > offer.end_date:
        return Availability.ENDED
    return Availability.CURRENT
