"""The demo's shops (`seed_demo`) and the generated shops for measuring
(`seed_demo --shops N`)."""

import io
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend

from core.clock import BRUSSELS
from demo.shops.content import TOWN_CENTRE
from directory.geo import distance_m
from directory.hours import open_at_q
from directory.models import (
    Category,
    DirectoryPage,
    District,
    OpeningHours,
    SchemaType,
    Service,
    ShopPage,
    SpecialHours,
)
from directory.public_holidays import holidays_between
from directory.shop_csv import exported_shops, import_shops, write_csv

pytestmark = pytest.mark.django_db


URL_FIELDS = ["website", "online_shop_url", "booking_url", "facebook_url", "instagram_url"]


def demo_shops():
    return ShopPage.objects.live().exclude(slug__startswith="commerce-")


def next_monday():
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def test_demo_has_about_sixty_shops(demo_site):
    assert 55 <= demo_shops().count() <= 65


def test_demo_has_ten_categories_each_with_a_schema_org_type(demo_site):
    assert Category.objects.count() == 10
    assert not Category.objects.filter(schema_type=SchemaType.LOCAL_BUSINESS).exists()
    assert set(Category.objects.values_list("schema_type", flat=True)) >= {
        SchemaType.BAKERY,
        SchemaType.BUTCHER_SHOP,
        SchemaType.FLORIST,
        SchemaType.BOOK_STORE,
        SchemaType.OPTICIAN,
    }


def test_every_category_has_shops(demo_site):
    for category in Category.objects.all():
        assert category.shops.live().count() >= 3, category


def test_demo_has_six_districts_with_centres_in_town(demo_site):
    assert District.objects.count() == 6
    for district in District.objects.all():
        assert distance_m(district.centre, TOWN_CENTRE) < 2000, district


def test_demo_has_the_services_of_the_brief(demo_site):
    assert set(Service.objects.values_list("name", flat=True)) == {
        "Livraison à domicile",
        "Click & collect",
        "Accès PMR",
        "Paiement par carte",
        "Parking à proximité",
    }


def test_every_demo_shop_is_live_with_a_category_district_and_coordinates(demo_site):
    for shop in demo_shops():
        assert shop.live, shop
        assert shop.category_id, shop
        assert shop.district_id, shop
        assert distance_m(shop.location, TOWN_CENTRE) <= 2500, shop


def test_every_demo_shop_is_a_child_of_the_directory(demo_site):
    directory = DirectoryPage.objects.get()
    assert set(demo_shops()) <= set(ShopPage.objects.child_of(directory))
    assert directory.numchild == directory.get_children().count()


def test_demo_shop_links_point_at_example_domains_only(demo_site):
    hosts = set()
    for shop in demo_shops():
        hosts |= {urlsplit(getattr(shop, name)).hostname for name in URL_FIELDS}
        hosts.add(shop.email.rpartition("@")[2] or None)
    hosts.discard(None)
    assert hosts
    assert all(host.endswith(".example") for host in hosts), hosts


def test_demo_phone_numbers_are_in_an_unassigned_range(demo_site):
    # Belgian subscriber numbers never start with 0: "081 00 .." reaches nobody.
    assert all(shop.phone.startswith("081 00 ") for shop in demo_shops())


def test_demo_shop_names_are_unique(demo_site):
    titles = list(demo_shops().values_list("title", flat=True))
    assert len(titles) == len(set(titles))


def test_some_demo_shops_have_a_logo_and_some_photos(demo_site):
    assert demo_shops().filter(logo__isnull=False).count() >= 10
    assert demo_shops().filter(photos__isnull=False).distinct().count() >= 10
    assert demo_shops().filter(logo__isnull=True, photos__isnull=True).exists()


def test_demo_photos_describe_what_they_show(demo_site):
    for shop in demo_shops().filter(photos__isnull=False).distinct():
        assert all(photo.alt_text for photo in shop.photos.all()), shop


def test_a_demo_shop_closes_for_lunch(demo_site):
    # Two ranges on the same day with a gap between them.
    lunch_breaks = [
        (row.shop_id, row.weekday)
        for row in OpeningHours.objects.filter(opens__gte="12:00", opens__lt="15:00")
        if OpeningHours.objects.filter(
            shop_id=row.shop_id, weekday=row.weekday, closes__lt=row.opens, closes__gt="10:00"
        ).exists()
    ]
    assert lunch_breaks


def test_a_demo_shop_is_closed_on_monday_but_open_other_days(demo_site):
    closed_on_monday = (
        demo_shops()
        .filter(opening_hours__isnull=False)
        .exclude(opening_hours__weekday=0)
        .distinct()
    )
    assert closed_on_monday.exists()


def test_a_demo_shop_is_open_past_midnight(demo_site):
    assert OpeningHours.objects.filter(closes__lte="04:00").exists()


def test_a_demo_shop_has_no_known_hours(demo_site):
    unknown = demo_shops().filter(opening_hours__isnull=True, special_hours__isnull=True)
    assert unknown.count() == 1


def test_a_demo_shop_is_closed_all_next_week_for_holidays(demo_site):
    monday = next_monday()
    holiday = SpecialHours.objects.get(
        label="Congés", shop__slug="boucherie-des-tanneurs", closed=True
    )
    assert (holiday.start_date, holiday.end_date) == (monday, monday + timedelta(days=6))


def test_centre_shops_open_specially_for_the_braderie(demo_site):
    braderie = SpecialHours.objects.filter(label="Braderie", closed=False)
    assert braderie.count() >= 3
    assert all(row.start_date > timezone.localdate() for row in braderie)
    assert {row.shop.district.slug for row in braderie} == {"centre"}


def test_on_the_next_public_holiday_most_demo_shops_are_closed_and_a_few_open(demo_site):
    today = timezone.localdate()
    holiday, _name = holidays_between(today, today + timedelta(days=366))[0]
    morning = datetime.combine(holiday, time(10, 0), tzinfo=BRUSSELS)
    open_shops = demo_shops().filter(open_at_q(morning))
    assert 0 < open_shops.count() <= 10 < demo_shops().count()
    assert set(open_shops.values_list("public_holidays", flat=True)) <= {"usual", "own"}


def test_the_demo_night_shop_is_open_on_the_night_of_the_next_public_holiday(demo_site):
    today = timezone.localdate()
    holiday, _name = holidays_between(today, today + timedelta(days=366))[0]
    night = datetime.combine(holiday, time(22, 0), tzinfo=BRUSSELS)
    assert demo_shops().filter(open_at_q(night), slug="night-shop-de-la-station").exists()


def test_some_demo_shops_have_confirmed_hours(demo_site):
    confirmed = demo_shops().filter(hours_confirmed_on__isnull=False)
    assert 5 <= confirmed.count() < demo_shops().count()
    assert all(shop.hours_confirmed_on <= timezone.localdate() for shop in confirmed)


def test_demo_shops_are_tagged(demo_site):
    assert demo_shops().filter(tags__name="bio").exists()
    assert all(shop.tags.exists() for shop in demo_shops())


def test_demo_shops_have_a_published_revision(demo_site):
    shop = ShopPage.objects.get(slug="le-quai-12")
    revision = shop.live_revision
    assert revision is not None
    assert revision == shop.latest_revision
    assert revision.as_object().opening_hours.count() == shop.opening_hours.count()


def test_demo_shops_publication_is_in_their_history(demo_site):
    shop = ShopPage.objects.get(slug="le-quai-12")
    entry = PageLogEntry.objects.get(page=shop, action="wagtail.publish")
    assert entry.revision == shop.live_revision


def test_the_admin_knows_which_demo_shops_use_an_image(demo_site):
    shop = ShopPage.objects.get(slug="boulangerie-du-beffroi")
    references = ReferenceIndex.get_references_to(shop.logo)
    assert references.filter(object_id=str(shop.pk)).exists()


def test_demo_shops_are_found_by_the_search_backend(demo_site):
    results = get_search_backend().autocomplete("boul", ShopPage.objects.live())
    assert "Boulangerie du Beffroi" in {shop.title for shop in results}


def test_seeding_twice_creates_no_more_shops(demo_site):
    counts = (Page.objects.count(), OpeningHours.objects.count(), SpecialHours.objects.count())
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert (
        Page.objects.count(),
        OpeningHours.objects.count(),
        SpecialHours.objects.count(),
    ) == counts


def test_seeding_recreates_only_a_deleted_shop(demo_site):
    ShopPage.objects.get(slug="la-tasse-ronde").delete()
    renamed = ShopPage.objects.get(slug="le-quai-12")
    renamed.title = "Le Quai 12 (nouvelle adresse)"
    renamed.save_revision().publish()
    output = io.StringIO()
    call_command("seed_demo", force=True, stdout=output)
    assert "La Tasse Ronde" in output.getvalue()
    assert ShopPage.objects.get(slug="le-quai-12").title == "Le Quai 12 (nouvelle adresse)"
    assert Page.find_problems() == ([], [], [], [], [])


def test_demo_shop_pages_answer_200(demo_site, client):
    response = client.get("/commerces/boulangerie-du-beffroi/")
    assert response.status_code == 200
    assert "Boulangerie du Beffroi" in response.text


# --- seed_demo --shops N --------------------------------------------------------------


@pytest.fixture
def generated(demo_site):
    output = io.StringIO()
    call_command("seed_demo", force=True, shops=25, stdout=output)
    return output.getvalue()


def generated_shops():
    return ShopPage.objects.filter(slug__startswith="commerce-").order_by("path")


def test_shops_option_adds_that_many_generated_shops(generated):
    assert generated_shops().count() == 25
    assert "25 created" in generated
    assert generated_shops().first().title == "Commerce 00001"


def test_generated_shops_are_valid_live_pages_in_the_tree(generated):
    directory = DirectoryPage.objects.get()
    assert Page.find_problems() == ([], [], [], [], [])
    assert directory.numchild == directory.get_children().count()
    for shop in generated_shops():
        assert shop.live
        assert not shop.has_unpublished_changes
        assert shop.first_published_at
        assert shop.last_published_at
        assert shop.get_parent().pk == directory.pk
        assert shop.url_path == f"{directory.url_path}{shop.slug}/"
        assert shop.locale_id == directory.locale_id
        assert shop.content_type.model_class() is ShopPage
        assert shop.draft_title == shop.title


def test_generated_shops_have_hours_services_and_coordinates(generated):
    for shop in generated_shops():
        assert shop.opening_hours.exists()
        assert shop.services.exists()
        assert shop.tags.exists()
        assert distance_m(shop.location, TOWN_CENTRE) <= 2050, shop


def test_generated_shops_spread_over_categories_and_districts(generated):
    assert generated_shops().values("category").distinct().count() == 10
    assert generated_shops().values("district").distinct().count() >= 2


def test_generated_shop_pages_answer_200(generated, client):
    for shop in generated_shops()[:3]:
        response = client.get(shop.url)
        assert response.status_code == 200, shop.url
        assert shop.title in response.text


def test_generated_shops_are_found_by_the_search_backend(generated):
    results = get_search_backend().search("Commerce 00017", ShopPage.objects.live())
    assert [shop.slug for shop in results][:1] == ["commerce-00017"]


def test_generated_shops_are_listed_by_the_directory(generated, client):
    response = client.get("/commerces/", {"q": "commerce 00017"})
    assert response.status_code == 200
    assert "Commerce 00017" in response.text


def test_generated_shops_can_be_edited_and_published_like_any_page(generated):
    shop = generated_shops().get(slug="commerce-00003")
    shop.title = "Commerce renommé"
    shop.save_revision().publish()
    shop.refresh_from_db()
    assert shop.live
    assert shop.title == "Commerce renommé"
    assert shop.url == "/commerces/commerce-00003/"


def test_shops_option_only_adds_the_missing_generated_shops(generated):
    output = io.StringIO()
    call_command("seed_demo", force=True, shops=30, stdout=output)
    assert generated_shops().count() == 30
    assert "5 created" in output.getvalue()
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_page_added_after_generated_shops_gets_a_free_tree_position(generated):
    directory = DirectoryPage.objects.get()
    directory.add_child(
        instance=ShopPage(
            title="Nouvelle boutique",
            short_description="Une nouvelle boutique.",
            category=Category.objects.first(),
            latitude=50.46,
            longitude=4.87,
        )
    )
    assert Page.find_problems() == ([], [], [], [], [])
    assert directory.get_children().last().title == "Nouvelle boutique"


def test_export_of_the_demo_shops_imported_back_changes_nothing(demo_site):
    stream = io.StringIO()
    write_csv(exported_shops(), stream)
    revisions = Revision.objects.count()

    report = import_shops(stream.getvalue().encode())

    assert not report.problems
    assert len(report.unchanged) == ShopPage.objects.live().count() > 0
    assert Revision.objects.count() == revisions
