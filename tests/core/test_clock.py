"""The town's clock: one "today", in Brussels, whatever the server's zone."""

from datetime import UTC, date, datetime

from django.conf import settings

from core import clock


def test_today_is_the_date_in_brussels_not_in_utc():
    # 22:30 UTC on a summer evening is already half past midnight in Brussels.
    assert clock.today(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)


def test_today_follows_winter_time():
    # In winter Brussels is one hour ahead: 22:30 UTC is still the same day.
    assert clock.today(datetime(2026, 12, 30, 22, 30, tzinfo=UTC)) == date(2026, 12, 30)


def test_today_without_a_moment_reads_the_site_clock(monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    )
    assert clock.today() == date(2026, 11, 25)


def test_now_is_djangos_clock(monkeypatch):
    moment = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    assert clock.now() == moment


def test_local_time_is_naive_wall_clock_time_in_brussels():
    assert clock.local_time(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == datetime(
        2026, 3, 29, 3, 30
    )


def test_the_site_time_zone_is_the_clocks():
    # Django's own dates (admin, `timezone.localdate`) then agree with the clock's.
    assert clock.BRUSSELS.key == settings.TIME_ZONE
