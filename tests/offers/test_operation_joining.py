"""Merchants join the city's operations from their dashboard, for their own shops only,
while joining is open; staff may do it for any shop."""

from datetime import date, time

import pytest
from django.urls import reverse

from directory.models import OperationKind, OperationParticipation
from tests.factories import OperationPageFactory

pytestmark = pytest.mark.django_db

SUNDAY = date(2026, 12, 20)


@pytest.fixture
def sunday_opening(clock):
    return OperationPageFactory(
        title="Dimanche shopping",
        days=[(SUNDAY, "10:00", "18:00")],
        joining_closes_on=date(2026, 12, 15),
    )


def join_url(shop, operation):
    return reverse("offers_join_operation", args=[shop.pk, operation.pk])


def leave_url(shop, operation):
    return reverse("offers_leave_operation", args=[shop.pk, operation.pk])


def participation(shop, operation):
    return OperationParticipation.objects.filter(shop=shop, operation=operation).first()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_merchant_sees_the_operation_on_their_dashboard(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Dimanche shopping" in response.text
    assert join_url(merchant_a.shop, sunday_opening) in response.text


def test_merchant_joins_with_the_days_hours_in_one_post(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    response = client.post(join_url(merchant_a.shop, sunday_opening), follow=True)
    joined = participation(merchant_a.shop, sunday_opening)
    assert (joined.opens, joined.closes, joined.joined_by) == (None, None, merchant_a.user)
    assert "« Commerce A » participe à « Dimanche shopping »." in messages_of(response)


def test_merchant_joins_with_their_own_hours(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, sunday_opening), {"opens": "13:00", "closes": "17:30"})
    joined = participation(merchant_a.shop, sunday_opening)
    assert (joined.opens, joined.closes) == (time(13), time(17, 30))


def test_joining_again_changes_the_hours(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, sunday_opening), {"opens": "13:00", "closes": "17:30"})
    client.post(join_url(merchant_a.shop, sunday_opening), {"opens": "", "closes": ""})
    assert OperationParticipation.objects.get().opens is None


def test_merchant_leaves(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, sunday_opening))
    client.post(leave_url(merchant_a.shop, sunday_opening))
    assert participation(merchant_a.shop, sunday_opening) is None


def test_merchant_cannot_join_for_another_merchants_shop(
    client, merchant_a, merchant_b, sunday_opening
):
    client.force_login(merchant_a.user)
    response = client.post(join_url(merchant_b.shop, sunday_opening))
    assert response.status_code == 403
    assert "Commerce B" not in response.text
    assert not OperationParticipation.objects.exists()


def test_merchant_cannot_leave_for_another_merchants_shop(
    client, merchant_a, merchant_b, sunday_opening
):
    OperationParticipation.objects.create(shop=merchant_b.shop, operation=sunday_opening)
    client.force_login(merchant_a.user)
    assert client.post(leave_url(merchant_b.shop, sunday_opening)).status_code == 403
    assert participation(merchant_b.shop, sunday_opening) is not None


def test_merchant_cannot_join_with_an_offer_page_for_a_shop(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    response = client.post(join_url(merchant_a.offer, sunday_opening))
    # Wagtail's admin answers a refusal past the allowlist with its dashboard.
    assert response.status_code in (302, 403)
    assert not OperationParticipation.objects.exists()


def test_merchant_cannot_join_after_joining_closed(client, clock, merchant_a, sunday_opening):
    clock(clock.now.replace(day=16, month=12))
    client.force_login(merchant_a.user)
    response = client.post(join_url(merchant_a.shop, sunday_opening), follow=True)
    assert not OperationParticipation.objects.exists()
    assert "Les inscriptions à « Dimanche shopping » sont closes." in messages_of(response)
    assert join_url(merchant_a.shop, sunday_opening) not in response.text


def test_merchant_cannot_leave_after_joining_closed(client, clock, merchant_a, sunday_opening):
    OperationParticipation.objects.create(shop=merchant_a.shop, operation=sunday_opening)
    clock(clock.now.replace(day=16, month=12))
    client.force_login(merchant_a.user)
    client.post(leave_url(merchant_a.shop, sunday_opening))
    assert participation(merchant_a.shop, sunday_opening) is not None


def test_merchant_cannot_join_an_operation_that_is_over(client, merchant_a):
    over = OperationPageFactory(
        title="Braderie passée", days=[(date(2026, 11, 1), "09:00", "18:00")]
    )
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, over))
    assert not OperationParticipation.objects.exists()


@pytest.mark.parametrize(
    "hours",
    [
        {"opens": "18:00", "closes": "10:00"},
        {"opens": "13:00", "closes": "13:00"},
        {"opens": "13:00"},
        {"opens": "25:99", "closes": "26:00"},
        {"opens": "midi", "closes": "\x00"},
    ],
)
def test_bad_hours_are_refused_with_a_message(client, merchant_a, sunday_opening, hours):
    client.force_login(merchant_a.user)
    response = client.post(join_url(merchant_a.shop, sunday_opening), hours, follow=True)
    assert response.status_code == 200
    assert not OperationParticipation.objects.exists()
    assert any("n'est pas inscrit" in message for message in messages_of(response))


def test_a_schemes_participation_keeps_no_hours(client, clock, merchant_a):
    scheme = OperationPageFactory(
        title="Chèques commerce", kind=OperationKind.SCHEME, start_date=date(2026, 1, 1)
    )
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, scheme), {"opens": "10:00", "closes": "12:00"})
    assert participation(merchant_a.shop, scheme).opens is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/offres/commerces/{shop}/operations/999999/participer/",
        "/admin/offres/commerces/{shop}/operations/99999999999999999999999/participer/",
        "/admin/offres/commerces/99999999999999999999999/operations/1/participer/",
    ],
)
def test_unknown_ids_are_refused_without_error(client, merchant_a, url):
    client.force_login(merchant_a.user)
    response = client.post(url.format(shop=merchant_a.shop.pk))
    assert response.status_code in (302, 403, 404)
    assert not OperationParticipation.objects.exists()


def test_a_draft_operation_cannot_be_joined(client, merchant_a, sunday_opening):
    sunday_opening.unpublish()
    client.force_login(merchant_a.user)
    assert client.post(join_url(merchant_a.shop, sunday_opening)).status_code == 404


def test_joining_is_a_post(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    assert client.get(join_url(merchant_a.shop, sunday_opening)).status_code == 405


def test_anonymous_visitor_cannot_join(client, merchant_a, sunday_opening):
    response = client.post(join_url(merchant_a.shop, sunday_opening))
    assert response.status_code == 302
    assert not OperationParticipation.objects.exists()


def test_staff_join_any_shop(client, clock, staff_user, merchant_a, sunday_opening):
    client.force_login(staff_user)
    client.post(join_url(merchant_a.shop, sunday_opening))
    assert participation(merchant_a.shop, sunday_opening).joined_by == staff_user


def test_a_later_publication_of_the_operation_keeps_its_shops(client, merchant_a, sunday_opening):
    client.force_login(merchant_a.user)
    client.post(join_url(merchant_a.shop, sunday_opening))
    sunday_opening.title = "Dimanche shopping de Noël"
    sunday_opening.save_revision().publish()
    assert participation(merchant_a.shop, sunday_opening) is not None


def participations_url(action="list", *args):
    return reverse(f"wagtailsnippets_directory_operationparticipation:{action}", args=args)


def test_staff_add_a_shop_to_an_operation_in_the_admin(
    client, staff_user, merchant_a, sunday_opening
):
    client.force_login(staff_user)
    response = client.post(
        participations_url("add"),
        {"operation": sunday_opening.pk, "shop": merchant_a.shop.pk, "opens": "", "closes": ""},
    )
    assert response.status_code == 302
    assert participation(merchant_a.shop, sunday_opening) is not None


def test_staff_remove_a_shop_from_an_operation_in_the_admin(
    client, staff_user, merchant_a, sunday_opening
):
    row = OperationParticipation.objects.create(shop=merchant_a.shop, operation=sunday_opening)
    client.force_login(staff_user)
    client.post(participations_url("delete", row.pk))
    assert participation(merchant_a.shop, sunday_opening) is None


def test_staff_bad_hours_in_the_admin_are_a_form_error(
    client, staff_user, merchant_a, sunday_opening
):
    client.force_login(staff_user)
    response = client.post(
        participations_url("add"),
        {
            "operation": sunday_opening.pk,
            "shop": merchant_a.shop.pk,
            "opens": "18:00",
            "closes": "10:00",
        },
    )
    assert response.status_code == 200
    assert not OperationParticipation.objects.exists()


def test_merchant_reaches_no_participation_admin(client, merchant_a, sunday_opening):
    row = OperationParticipation.objects.create(shop=merchant_a.shop, operation=sunday_opening)
    client.force_login(merchant_a.user)
    for url in [
        participations_url(),
        participations_url("add"),
        participations_url("edit", row.pk),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        participations_url("add"),
        {"operation": sunday_opening.pk, "shop": merchant_a.shop.pk},
    )
    assert response.status_code == 403
    assert client.post(participations_url("delete", row.pk)).status_code == 403
    assert OperationParticipation.objects.count() == 1


def test_staff_reach_an_operations_shops_from_the_page_explorer(
    client, staff_user, merchant_a, sunday_opening
):
    OperationParticipation.objects.create(shop=merchant_a.shop, operation=sunday_opening)
    client.force_login(staff_user)
    explorer = client.get(reverse("wagtailadmin_explore", args=[sunday_opening.get_parent().pk]))
    link = participations_url() + f"?operation={sunday_opening.pk}"
    assert link in explorer.text.replace("&amp;", "&")
    assert "Commerce A" in client.get(link).text
