"""Reposting an offer for next week, moderation on and off, and the staff's report of
merchants' changes."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from core.clock import today
from offers import merchants, reposting
from offers.models import OfferPage
from tests.merchants import make_offer, set_moderation


def test_next_week_dates_move_one_week_on():
    offer = OfferPage(start_date=date(2026, 11, 16), end_date=date(2026, 11, 22))
    assert reposting.next_week_dates(offer, date(2026, 11, 20)) == (
        date(2026, 11, 23),
        date(2026, 11, 29),
    )


def test_next_week_dates_of_an_old_offer_do_not_end_in_the_past():
    offer = OfferPage(start_date=date(2026, 10, 5), end_date=date(2026, 10, 11))
    start, end = reposting.next_week_dates(offer, date(2026, 11, 20))
    assert (end - start, start.weekday()) == (timedelta(days=6), 0)
    assert start <= date(2026, 11, 23)
    assert end >= date(2026, 11, 20)


@pytest.mark.django_db
def test_repost_publishes_a_copy_a_week_later(merchant_a):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    assert copy.pk != merchant_a.offer.pk
    assert copy.live
    assert copy.get_parent().pk == merchant_a.shop.pk
    assert copy.start_date == merchant_a.offer.start_date + timedelta(weeks=1)
    assert copy.short_text == merchant_a.offer.short_text
    assert OfferPage.objects.child_of(merchant_a.shop).count() == 2


@pytest.mark.django_db
def test_repost_from_the_dashboard_is_a_post_with_csrf(client, merchant_a):
    client.force_login(merchant_a.user)
    url = reverse("offers_repost", args=[merchant_a.offer.pk])
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert OfferPage.objects.child_of(merchant_a.shop).live().count() == 2


@pytest.mark.django_db
def test_repost_button_in_the_page_listing(client, merchant_a):
    client.force_login(merchant_a.user)
    body = client.get(reverse("wagtailadmin_explore", args=[merchant_a.shop.pk])).content
    assert reverse("offers_repost", args=[merchant_a.offer.pk]) in body.decode()


@pytest.mark.django_db
def test_merchant_cannot_repost_another_merchants_offer(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    client.post(reverse("offers_repost", args=[merchant_b.offer.pk]))
    assert OfferPage.objects.child_of(merchant_b.shop).count() == 1


@pytest.mark.django_db
def test_moderation_off_merchants_publish_directly(merchant_a):
    assert merchant_a.shop.permissions_for_user(merchant_a.user).can_publish()


@pytest.mark.django_db
def test_moderation_on_removes_publish_and_off_gives_it_back(merchant_a):
    def fresh_user():
        # Wagtail caches a user's page permissions on the user object.
        return type(merchant_a.user).objects.get(pk=merchant_a.user.pk)

    set_moderation(True)
    assert not merchant_a.shop.permissions_for_user(fresh_user()).can_publish()
    assert merchant_a.shop.get_workflow().name == merchants.MODERATION_WORKFLOW
    set_moderation(False)
    assert merchant_a.shop.permissions_for_user(fresh_user()).can_publish()


@pytest.mark.django_db
def test_moderation_on_repost_waits_for_staff_who_are_notified(
    merchant_a, staff_user, django_capture_on_commit_callbacks
):
    set_moderation(True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    assert not copy.live
    assert copy.workflow_in_progress
    assert any(staff_user.email in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_moderation_on_merchant_submits_a_new_offer(
    client, merchant_a, staff_user, django_capture_on_commit_callbacks
):
    set_moderation(True)
    client.force_login(merchant_a.user)
    url = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", merchant_a.shop.pk])
    data = {
        "title": "Offre à valider",
        "short_text": "Dix pour cent sur tout.",
        "kind": "promotion",
        "start_date": today().isoformat(),
        "end_date": (today() + timedelta(days=3)).isoformat(),
        "action-publish": "action-publish",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    assert not OfferPage.objects.filter(title="Offre à valider", live=True).exists()
    data.pop("action-publish")
    data["title"] = "Offre soumise"
    data["action-submit"] = "action-submit"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    offer = OfferPage.objects.get(title="Offre soumise")
    assert not offer.live
    assert offer.workflow_in_progress
    assert any(staff_user.email in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_report_lists_merchants_changes_of_the_last_30_days_for_staff(
    client, merchant_a, merchant_b, staff_user
):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    client.force_login(staff_user)
    body = client.get(reverse("offers_merchant_changes")).content.decode()
    assert copy.title in body
    assert "Marchand A" in body or merchant_a.user.email in body
    assert (
        reverse("offers_merchant_changes")
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.django_db
def test_report_leaves_out_staff_changes_and_older_ones(merchant_a, staff_user):
    reposting.repost_next_week(merchant_a.offer, staff_user)
    old = reposting.repost_next_week(make_offer(merchant_a.shop, "Autre"), merchant_a.user)
    from wagtail.models import PageLogEntry

    PageLogEntry.objects.filter(page=old).update(
        timestamp=PageLogEntry.objects.get(page=old, action="wagtail.publish").timestamp
        - timedelta(days=31)
    )
    from django.utils import timezone

    entries = merchants.merchant_changes(timezone.now() - timedelta(days=30))
    assert not entries.filter(user=staff_user).exists()
    assert not entries.filter(page=old).exists()


@pytest.mark.django_db
def test_merchant_cannot_see_the_report(client, merchant_a):
    client.force_login(merchant_a.user)
    # Not a view merchants reach (offers.admin_access): a plain refusal.
    response = client.get(reverse("offers_merchant_changes"))
    assert response.status_code == 403
