"""Reposting is idempotent: a second "Reposter" for the same week (a second tap, a
double-submitted form, the next day's tap on the same offer) makes no second copy and
says « Cette offre est déjà repostée » with a link to the copy. The database keeps one
repost per offer and week; another shop's offer is refused."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.clock import today
from offers import reposting
from offers.dashboard import merchant_dashboard
from offers.models import OfferPage, OfferRepost
from offers.offer_states import OfferState
from tests.merchants import make_offer

pytestmark = pytest.mark.django_db


def copies_of(offer):
    return OfferPage.objects.child_of(offer.get_parent()).exclude(pk=offer.pk)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_second_repost_the_same_week_raises_with_the_first_copy(merchant_a):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    with pytest.raises(reposting.AlreadyReposted) as refusal:
        reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    assert refusal.value.copy == copy
    assert list(copies_of(merchant_a.offer)) == [copy]


def test_reposting_twice_by_post_makes_one_copy_and_says_so(client, merchant_a):
    client.force_login(merchant_a.user)
    url = reverse("offers_repost", args=[merchant_a.offer.pk])
    first = client.post(url)
    second = client.post(url)
    (copy,) = copies_of(merchant_a.offer)
    assert "est publiée du" in messages_of(first)[-1]
    message = messages_of(second)[-1]
    assert "Cette offre est déjà repostée." in message
    assert reverse("wagtailadmin_pages:edit", args=[copy.pk]) in message


def test_the_next_days_repost_of_the_same_offer_is_the_same_copy(merchant_a, clock):
    """Reposted on Sunday for next week, tapped again on Monday: next week has come,
    and its copy is there already."""
    offer = make_offer(
        merchant_a.shop,
        "Soupe du jour",
        start_date=clock.today - timedelta(days=1),
        end_date=clock.today + timedelta(days=5),
    )
    sunday = offer.end_date
    copy = reposting.repost_next_week(offer, merchant_a.user, sunday)
    with pytest.raises(reposting.AlreadyReposted):
        reposting.repost_next_week(offer, merchant_a.user, sunday + timedelta(days=1))
    assert list(copies_of(offer).filter(title="Soupe du jour")) == [copy]


def test_the_database_keeps_one_repost_per_offer_and_week(merchant_a):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    week = OfferRepost.objects.get(copy=copy).week
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferRepost.objects.create(source=merchant_a.offer, week=week)


def test_a_deleted_copy_can_be_reposted_again(merchant_a):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    copy.delete()
    again = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    assert list(copies_of(merchant_a.offer)) == [again]


def test_the_repost_confirmation_page_links_to_the_copy_once_reposted(client, merchant_a):
    client.force_login(merchant_a.user)
    url = reverse("offers_repost", args=[merchant_a.offer.pk])
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    page = client.get(url).content.decode()
    assert "Cette offre est déjà repostée." in page
    assert reverse("wagtailadmin_pages:edit", args=[copy.pk]) in page


def test_dashboard_links_a_reposted_offer_to_its_copy(client, merchant_a):
    client.force_login(merchant_a.user)
    repost = reverse("offers_repost", args=[merchant_a.offer.pk])
    assert repost in client.get(reverse("wagtailadmin_home")).content.decode()
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert repost not in dashboard
    assert "Voir la copie repostée" in dashboard
    assert reverse("wagtailadmin_pages:edit", args=[copy.pk]) in dashboard
    assert "Programmée à partir du" in dashboard


def test_dashboard_offers_no_repost_on_a_draft_never_published(client, merchant_a):
    draft = make_offer(merchant_a.shop, "Jamais publiée")
    draft.unpublish()
    OfferPage.objects.filter(pk=draft.pk).update(first_published_at=None)
    client.force_login(merchant_a.user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("offers_repost", args=[draft.pk]) not in dashboard
    assert reverse("offers_publish", args=[draft.pk]) in dashboard


def test_merchant_cannot_repost_another_shops_offer_twice_either(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    url = reverse("offers_repost", args=[merchant_b.offer.pk])
    assert client.post(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not copies_of(merchant_b.offer).exists()
    assert not OfferRepost.objects.exists()


def test_staff_repost_any_shops_offer_once_a_week_too(client, merchant_a, staff_user):
    client.force_login(staff_user)
    url = reverse("offers_repost", args=[merchant_a.offer.pk])
    client.post(url)
    client.post(url)
    (copy,) = copies_of(merchant_a.offer)
    assert copy.live


def test_a_repost_is_scheduled_for_next_week_on_the_dashboard(merchant_a):
    copy = reposting.repost_next_week(merchant_a.offer, merchant_a.user)
    (shop,) = merchant_dashboard(merchant_a.user, today())
    states = {entry.offer.pk: entry.status.state for entry in shop.offers}
    assert states[copy.pk] == OfferState.SCHEDULED
