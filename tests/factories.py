"""factory_boy factories for pages and images, shared by every app's tests."""

import io

import factory
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from directory.models import DirectoryPage
from home.models import HomePage, StandardPage
from offers.models import OffersPage
from stories.models import StoriesPage


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
        (parent or Page.get_first_root_node()).add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    title = "Accueil"
    hero_heading = "Les commerces de la ville"

    @factory.post_generation
    def as_site_root(page, create, extracted, **kwargs):
        """Make the new home page the default site's root, as a real install has it."""
        if create:
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": page},
            )


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    body = "<p>Un paragraphe.</p>"


class DirectoryPageFactory(PageFactory):
    class Meta:
        model = DirectoryPage

    title = "Commerces"
    show_in_menus = True


class OffersPageFactory(PageFactory):
    class Meta:
        model = OffersPage

    title = "Offres"
    show_in_menus = True


class StoriesPageFactory(PageFactory):
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
