"""An offer's state in the merchant's words (offers.offer_states), and the actions the
dashboard offers for it: the one that fixes the state first, "Reposter" only where
there is something to repost."""

from datetime import date, datetime
from types import SimpleNamespace

from django.utils import timezone

from offers.offer_states import Action, OfferState, Workflow, day_in_words, describe_offer

# Tuesday 24 November 2026; the coming Sunday is the 29th.
TUESDAY = date(2026, 11, 24)
PUBLISHED_ONCE = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.UTC)


def offer(start, end, *, live=True, ever_published=None, unpublished_changes=False):
    """The fields of an offer the states read (no database needed)."""
    if ever_published is None:
        ever_published = live
    return SimpleNamespace(
        start_date=start,
        end_date=end,
        live=live,
        first_published_at=PUBLISHED_ONCE if ever_published else None,
        has_unpublished_changes=unpublished_changes,
    )


THIS_WEEK = (date(2026, 11, 23), date(2026, 11, 29))
NEXT_WEEK = (date(2026, 11, 30), date(2026, 12, 6))
LAST_WEEK = (date(2026, 11, 16), date(2026, 11, 22))


def test_a_day_near_today_is_its_name_and_number():
    assert day_in_words(date(2026, 11, 29), TUESDAY) == "dimanche 29"
    assert day_in_words(date(2026, 11, 30), TUESDAY) == "lundi 30"


def test_a_day_more_than_a_week_away_names_its_month():
    assert day_in_words(date(2026, 12, 6), TUESDAY) == "dimanche 6 décembre"


def test_a_live_offer_is_online_until_its_last_day():
    status = describe_offer(offer(*THIS_WEEK), TUESDAY)
    assert status.state == OfferState.LIVE
    assert status.text == "En ligne jusqu'au dimanche 29"
    assert status.actions == (Action.VIEW, Action.REPOST)


def test_a_draft_is_not_yet_visible_and_offers_publish_only():
    status = describe_offer(offer(*THIS_WEEK, live=False), TUESDAY)
    assert status.state == OfferState.DRAFT
    assert status.text == "Brouillon : pas encore visible"
    assert status.actions == (Action.PUBLISH,)


def test_a_draft_never_published_is_never_offered_repost():
    for dates in (LAST_WEEK, THIS_WEEK, NEXT_WEEK):
        status = describe_offer(offer(*dates, live=False), TUESDAY)
        assert Action.REPOST not in status.actions, dates


def test_a_draft_whose_dates_are_past_asks_for_new_dates():
    status = describe_offer(offer(*LAST_WEEK, live=False), TUESDAY)
    assert status.actions == (Action.EDIT,)
    assert "dates sont passées" in status.note


def test_a_published_offer_to_come_is_scheduled_from_its_first_day():
    status = describe_offer(offer(*NEXT_WEEK), TUESDAY)
    assert status.state == OfferState.SCHEDULED
    assert status.text == "Programmée à partir du lundi 30"
    assert status.actions == ()


def test_an_ended_offer_is_over_and_offers_repost():
    status = describe_offer(offer(*LAST_WEEK), TUESDAY)
    assert (status.state, status.text) == (OfferState.ENDED, "Terminée")
    assert status.actions == (Action.REPOST,)


def test_an_offer_reposted_already_links_to_its_copy_instead_of_repost():
    for dates in (THIS_WEEK, LAST_WEEK):
        status = describe_offer(offer(*dates), TUESDAY, reposted=True)
        assert Action.REPOST not in status.actions
        assert status.actions[-1] == Action.SEE_COPY
        assert status.note == "Déjà repostée pour la semaine suivante."


def test_an_offer_awaiting_validation_says_so_and_offers_nothing():
    for live in (False, True):
        status = describe_offer(
            offer(*THIS_WEEK, live=live), TUESDAY, workflow=Workflow.IN_PROGRESS
        )
        assert (status.state, status.text) == (
            OfferState.AWAITING_VALIDATION,
            "En attente de validation",
        )
        assert status.actions == ()


def test_an_offer_sent_back_by_staff_is_to_be_edited():
    status = describe_offer(offer(*THIS_WEEK, live=False), TUESDAY, workflow=Workflow.NEEDS_CHANGES)
    assert status.state == OfferState.CHANGES_REQUESTED
    assert status.actions == (Action.EDIT,)


def test_a_live_offer_with_unpublished_changes_puts_publish_first():
    status = describe_offer(offer(*THIS_WEEK, unpublished_changes=True), TUESDAY)
    assert status.state == OfferState.LIVE
    assert status.actions == (Action.PUBLISH, Action.VIEW, Action.REPOST)
    assert status.note == "Vos dernières modifications ne sont pas encore publiées."


def test_an_offer_taken_down_can_go_back_online_while_its_dates_last():
    status = describe_offer(offer(*THIS_WEEK, live=False, ever_published=True), TUESDAY)
    assert (status.state, status.text) == (OfferState.WITHDRAWN, "Retirée du site : plus visible")
    assert status.actions == (Action.PUBLISH,)


def test_an_offer_taken_down_after_its_dates_can_be_reposted():
    status = describe_offer(offer(*LAST_WEEK, live=False, ever_published=True), TUESDAY)
    assert status.actions == (Action.REPOST,)
