"""factory_boy factories for pages and images, shared by every app's tests."""

import io
from datetime import date, time

import factory
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published

from core.site_url import site_location
from directory import bulk_pages
from directory.bulk_pages import insert_live_shops
from directory.models import (
    Category,
    DirectoryPage,
    District,
    OpeningHours,
    OperationDay,
    OperationKind,
    OperationPage,
    OperationsPage,
    Service,
    ShopPage,
    SpecialHours,
)
from home.models import HomePage, StandardPage
from offers.models import OfferPage, OffersPage
from stories.models import StoriesPage
from tests.indexing import indexed_once

# Weekly hours open 09:00–18:00 every day, as `ShopPageFactory(hours=ALL_WEEK)` takes them.
ALL_WEEK = [(day, "09:00", "18:00") for day in range(7)]


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under `parent` (the tree's root by default) and publishes it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        with indexed_once():
            (parent or Page.get_first_root_node()).add_child(instance=page)
            page.save_revision().publish()
        return page


class SectionPageFactory(PageFactory):
    """A page with no child rows of its own (the home page, the site's sections, a
    standard page, an offer), which most tests build: written by the bulk writer's
    `insert_live_pages` (tests/test_factories.py holds the result to Wagtail's add_child +
    save_revision + publish), in a fifth of Wagtail's time."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        bulk_pages.insert_live_pages(parent or Page.get_first_root_node(), [page])
        return page


class HomePageFactory(SectionPageFactory):
    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    title = "Accueil"
    hero_heading = "Les commerces de la ville"

    @factory.post_generation
    def as_site_root(page, create, extracted, **kwargs):
        """Make the new home page the default site's root, at SITE_URL's address, as a
        real install has it after `migrate`."""
        if create:
            hostname, port = site_location(settings.SITE_URL)
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": hostname, "port": port, "root_page": page},
            )


class StandardPageFactory(SectionPageFactory):
    class Meta:
        model = StandardPage

    body = "<p>Un paragraphe.</p>"


class DirectoryPageFactory(SectionPageFactory):
    class Meta:
        model = DirectoryPage

    title = "Commerces"
    show_in_menus = True


class OffersPageFactory(SectionPageFactory):
    class Meta:
        model = OffersPage

    title = "Offres"
    show_in_menus = True


class StoriesPageFactory(SectionPageFactory):
    class Meta:
        model = StoriesPage

    title = "Histoires"
    show_in_menus = True


def _image_file(width=40, height=30, name="photo.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), "#0a4f8f").save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(_image_file)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.LazyAttribute(lambda district: slugify(district.name))
    latitude = 50.4669
    longitude = 4.8675


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.LazyAttribute(lambda service: slugify(service.name))


def _directory():
    existing = DirectoryPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.first() or HomePageFactory()
    return DirectoryPageFactory(parent=home)


class ShopPageFactory(PageFactory):
    """A published shop under the site's directory (created if missing).

    `hours` takes weekly ranges as (weekday, "09:00", "18:00") tuples and `special`
    SpecialHours field dicts; both are saved with the shop, as the page editor does.
    """

    class Meta:
        model = ShopPage

    title = factory.Sequence(lambda n: f"Commerce {n}")
    short_description = "Un commerce de la ville."
    category = factory.SubFactory(CategoryFactory)
    street = "Rue de la Station 12"
    postcode = "5999"
    locality = "Vilvèze"
    latitude = 50.4669
    longitude = 4.8675

    @classmethod
    def _create(cls, model_class, *args, parent=None, hours=(), special=(), **kwargs):
        services = kwargs.pop("services", [])
        tags = kwargs.pop("tags", [])
        page = model_class(*args, **kwargs)
        page.opening_hours = [
            OpeningHours(
                weekday=weekday, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes)
            )
            for weekday, opens, closes in hours
        ]
        page.special_hours = [SpecialHours(**row) for row in special]
        page.services = services
        page.tags.set(tags)
        # Written by the bulk writer the demo and the import use, which
        # tests/directory/test_bulk_pages.py holds to what add_child + save_revision +
        # publish leave: a fifth of their time, in a test suite that builds a thousand
        # shops. page_published is sent as publishing sends it.
        insert_live_shops(parent or _directory(), [page], with_revisions=True)
        # Saving commits modelcluster's in-memory child rows and forgets them, so that
        # `shop.opening_hours.all()` reads the table again; do as saving does.
        vars(page).pop("_cluster_related_objects", None)
        page_published.send(sender=model_class, instance=page, revision=page.latest_revision)
        return page


class OperationsPageFactory(SectionPageFactory):
    class Meta:
        model = OperationsPage

    title = "Opérations"
    slug = "operations"
    show_in_menus = True


def _operations():
    existing = OperationsPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.first() or HomePageFactory()
    return OperationsPageFactory(parent=home)


class OperationPageFactory(PageFactory):
    """A published operation under the site's operations section (created if missing).

    `days` takes its opening days as (date, "10:00", "18:00") tuples, saved with the
    page as the page editor does; a scheme gives `kind=OperationKind.SCHEME` and its
    `start_date`/`end_date` instead. `partners` takes OperationPartner field dicts,
    `shops` ShopPages that take part with the day's hours (a participation row each, as
    joining makes).
    """

    class Meta:
        model = OperationPage

    title = factory.Sequence(lambda n: f"Opération {n}")
    intro = "<p>Les commerces de la ville ouvrent leurs portes.</p>"
    kind = OperationKind.OPENING_DAYS

    @classmethod
    def _create(cls, model_class, *args, parent=None, days=(), partners=(), shops=(), **kwargs):
        from directory.models import OperationParticipation, OperationPartner

        page = model_class(*args, **kwargs)
        page.days = [
            OperationDay(
                date=day, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes)
            )
            for day, opens, closes in days
        ]
        page.partners = [OperationPartner(**partner) for partner in partners]
        with indexed_once():
            (parent or _operations()).add_child(instance=page)
            page.save_revision().publish()
        for shop in shops:
            OperationParticipation.objects.create(operation=page, shop=shop)
        return page


def published_shops(count, title="Commerce {number:02d}", hours=(), tags=(), **fields):
    """`count` published shops, titled `title.format(number=n)`, as
    `ShopPageFactory(hours=hours, tags=tags, **fields)` makes them (each with a category
    of its own unless `category` is given), written together by
    `directory.bulk_pages.insert_live_shops`: a few dozen queries for them all, where
    Wagtail's add_child + save_revision + publish take about a hundred a shop. For tests
    that need many shops; tests/directory/test_bulk_pages.py holds that writer to
    Wagtail's own calls."""
    from taggit.models import Tag

    from directory.models import ShopTag

    tag_rows = [Tag.objects.get_or_create(name=name)[0] for name in tags]
    pages = []
    for number in range(count):
        values = factory.build(
            dict,
            FACTORY_CLASS=ShopPageFactory,
            title=title.format(number=number),
            category=fields.get("category") or CategoryFactory(),
            **{name: value for name, value in fields.items() if name != "category"},
        )
        values.pop("parent", None)
        page = ShopPage(**values)
        page.opening_hours = [
            OpeningHours(
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
                sort_order=order,
            )
            for order, (weekday, opens, closes) in enumerate(hours)
        ]
        page.tagged_items = [ShopTag(tag=tag) for tag in tag_rows]
        pages.append(page)
    insert_live_shops(_directory(), pages, with_revisions=True)
    return pages


class OfferPageFactory(SectionPageFactory):
    """A published offer under `parent` (a shop; a new one when not given), current from
    today to the coming Sunday unless dates are given."""

    class Meta:
        model = OfferPage

    title = factory.Sequence(lambda n: f"Offre {n}")
    short_text = "Une offre de la semaine."

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or ShopPageFactory(), **kwargs)


# --- Stories --------------------------------------------------------------------------


def story_block(block_type, value):
    """One block of a story's body as (type, native value), built through the block API
    (`value`: the block's fields as a dict, or a paragraph's HTML)."""
    from stories.blocks import StoryBodyBlock

    return (block_type, StoryBodyBlock().child_blocks[block_type].normalize(value))


def _stories_index():
    existing = StoriesPage.objects.first()
    if existing:
        return existing
    home = HomePage.objects.first() or HomePageFactory()
    return StoriesPageFactory(parent=home, slug="histoires")


class CampaignPageFactory(PageFactory):
    """A published campaign under the site's stories page (created if missing);
    `partners` takes CampaignPartner field dicts."""

    class Meta:
        model = "stories.CampaignPage"

    title = factory.Sequence(lambda n: f"Campagne {n}")
    hashtag = "#AcheterÀVilvèze"
    intro = "<p>Une campagne de la ville pour le commerce local.</p>"
    start_date = factory.LazyFunction(lambda: date(2026, 11, 1))

    @classmethod
    def _create(cls, model_class, *args, parent=None, partners=(), **kwargs):
        from stories.models import CampaignPartner

        page = model_class(*args, **kwargs)
        page.partners = [CampaignPartner(**partner) for partner in partners]
        with indexed_once():
            (parent or _stories_index()).add_child(instance=page)
            page.save_revision().publish()
        return page


class StoryPageFactory(PageFactory):
    """A published story under the site's stories page (created if missing).

    `featured_shops` takes ShopPages; `body` a list of story_block() tuples (a paragraph
    by default)."""

    class Meta:
        model = "stories.StoryPage"

    title = factory.Sequence(lambda n: f"Histoire {n}")
    standfirst = "Une commerçante raconte comment elle a changé sa boutique."
    body = factory.LazyFunction(
        lambda: [story_block("paragraph", "<p>Il était une fois une boutique.</p>")]
    )

    @classmethod
    def _create(cls, model_class, *args, parent=None, featured_shops=(), publish=True, **kwargs):
        from stories.models import StoryFeaturedShop

        kwargs.setdefault("live", publish)
        page = model_class(*args, **kwargs)
        page.featured_shops = [StoryFeaturedShop(shop=shop) for shop in featured_shops]
        with indexed_once():
            (parent or _stories_index()).add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
        return page
