"""Reposting an offer: a copy with its dates moved on by whole weeks, published (or
submitted for validation under moderation), once per offer and week.

"Once" holds against a double tap and a form posted twice at the same moment: the
copy is made in the transaction that writes its OfferRepost row, whose (offer, week)
the database keeps unique. The second request's row is refused (on PostgreSQL it waits
for the first transaction to end; SQLite's immediate transactions run one after the
other), and it answers with the first one's copy (AlreadyReposted)."""

from datetime import timedelta

from django.db import IntegrityError, transaction

from core.clock import today
from offers.models import OfferRepost
from offers.publishing import publish_or_submit
from offers.slugs import offer_slug


class AlreadyReposted(Exception):
    """The offer already has its copy for that week: `copy`."""

    def __init__(self, copy):
        super().__init__(copy)
        self.copy = copy


def next_week_dates(offer, day):
    """The offer's dates moved on by whole weeks: one week, or as many as it takes for
    the copy not to have ended already (reposting an offer from a month ago gives this
    week's, not one in the past)."""
    weeks = 1
    while offer.end_date + timedelta(weeks=weeks) < day:
        weeks += 1
    return offer.start_date + timedelta(weeks=weeks), offer.end_date + timedelta(weeks=weeks)


def monday_of(day):
    return day - timedelta(days=day.weekday())


def repost_week(offer, day):
    """The week (its Monday) a repost of `offer` made on `day` would run from."""
    start, _end = next_week_dates(offer, day)
    return monday_of(start)


def repost_next_week(offer, user, day=None):
    """Copy `offer` with its dates moved on (next_week_dates), with a slug of its own,
    and publish it, or submit it to the staff's workflow when `user` may not publish
    (moderation on). Returns the copy; raises AlreadyReposted when the offer has one
    for that week already."""
    day = day or today()
    start, end = next_week_dates(offer, day)
    week = monday_of(start)
    try:
        with transaction.atomic():
            claim = OfferRepost.objects.create(source=offer, week=week)
            copy = _copy(offer, user, start, end)
            claim.copy = copy
            claim.save(update_fields=["copy"])
    except IntegrityError:
        existing = existing_copy(offer, week)
        if existing is None:
            raise
        raise AlreadyReposted(existing) from None
    copy.refresh_from_db()
    return copy


def _copy(offer, user, start, end):
    shop = offer.get_parent()
    copy = offer.copy(
        to=shop,
        update_attrs={
            "slug": offer_slug(offer.title, shop),
            "start_date": start,
            "end_date": end,
            "owner": user,
        },
        keep_live=False,
        user=user,
    ).specific
    revision = copy.save_revision(user=user, log_action=True)
    publish_or_submit(copy, revision, user)
    return copy


def existing_copy(offer, week):
    repost = OfferRepost.objects.filter(source=offer, week=week, copy__isnull=False).first()
    return repost.copy if repost is not None else None


def reposted_copies(offers, day):
    """{offer id: its copy} for those of `offers` already reposted for the week a
    repost made on `day` would run from (the dashboard's "Déjà repostée"). One query."""
    weeks = {offer.pk: repost_week(offer, day) for offer in offers}
    if not weeks:
        return {}
    rows = OfferRepost.objects.filter(
        source__in=list(weeks), week__in=set(weeks.values()), copy__isnull=False
    ).select_related("copy")
    return {row.source_id: row.copy for row in rows if weeks[row.source_id] == row.week}
