"""Pictures (core.images): renditions found for many pictures at once, the image tag that
writes what Wagtail's writes, and responsive images (a picture at several widths)."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.rect import Rect

from core.images import image_filter, img_html, load_renditions, rendition_of, responsive_image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Rendition = Image.get_rendition_model()


def test_small_photo_is_offered_once_in_its_own_width():
    (photo,) = [responsive_image(ImageFactory(), "Le comptoir")]
    assert photo.srcset.count(" 40w") == 1
    assert (photo.width, photo.height) == (40, 30)


def fresh(*pictures):
    """The pictures as a new request reads them: new objects, holding no rendition."""
    return list(Image.objects.filter(pk__in=[picture.pk for picture in pictures]).order_by("pk"))


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    "arguments",
    [
        'fill-48x30 format-webp loading="lazy" class="offer-card__image" alt=""',
        'max-20x20 class="shop__logo" alt=""',
        'fill-16x16 format-webp fetchpriority="high" alt=""',
        "width-20",
        "width-20 alt=label data-shop=shop",
        'width-20 alt=unsafe title=label class=""',
    ],
)
def test_the_image_tag_writes_what_wagtails_writes(arguments):
    picture = ImageFactory()
    context = {"label": mark_safe("<b>Beffroi</b>"), "unsafe": 'Le "Beffroi" & <co>', "shop": 12}
    wagtails = render(
        f"{{% load wagtailimages_tags %}}{{% image p {arguments} %}}", p=picture, **context
    )
    ours = render(
        f"{{% load image_tags %}}{{% image p {arguments} %}}", p=fresh(picture)[0], **context
    )
    assert ours == wagtails
    assert ours.startswith("<img ")


def test_the_image_tag_names_its_rendition_as_wagtails_does():
    picture = ImageFactory()
    source = "{% image p fill-32x20 as thumb %}{{ thumb.url }} {{ thumb.width }}x{{ thumb.height }}"
    wagtails = render("{% load wagtailimages_tags %}" + source, p=picture)
    assert render("{% load image_tags %}" + source, p=fresh(picture)[0]) == wagtails
    assert wagtails.endswith(" 32x20")


def test_the_image_tag_writes_nothing_without_a_picture():
    assert render("{% load image_tags %}{% image p width-20 %}", p=None) == ""


def test_a_rendition_read_from_the_cache_is_not_written_back(monkeypatch):
    rendition_of(ImageFactory(), "fill-16x16")  # made, and kept in the cache
    (picture,) = fresh(*Image.objects.all())
    writes = []
    backend = Rendition.cache_backend
    monkeypatch.setattr(backend, "set", lambda *args, **kwargs: writes.append(args))
    monkeypatch.setattr(backend, "set_many", lambda *args, **kwargs: writes.append(args))
    with CaptureQueriesContext(connection) as queries:
        assert rendition_of(picture, "fill-16x16").width == 16
    assert (writes, len(queries)) == ([], 0)


def test_the_renditions_of_pictures_missing_from_the_cache_are_read_in_one_query():
    pictures = [ImageFactory() for _ in range(4)]
    load_renditions(pictures, "fill-16x16", "width-20")
    Rendition.cache_backend.clear()
    pictures = fresh(*pictures)
    with CaptureQueriesContext(connection) as queries:
        load_renditions(pictures, "fill-16x16", "width-20")
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        found = [rendition_of(picture, "fill-16x16") for picture in pictures]
    assert len(queries) == 0
    assert [rendition.image_id for rendition in found] == [picture.pk for picture in pictures]
    # and they are in the cache again, for the next request
    pictures = fresh(*pictures)
    with CaptureQueriesContext(connection) as queries:
        load_renditions(pictures, "fill-16x16", "width-20")
    assert len(queries) == 0


def test_a_rendition_never_made_is_made_once():
    picture = ImageFactory()
    made = rendition_of(picture, "fill-24x24")
    assert (made.width, made.height) == (24, 24)
    assert rendition_of(fresh(picture)[0], "fill-24x24").pk == made.pk
    assert Rendition.objects.filter(image=picture, filter_spec="fill-24x24").count() == 1


def test_a_new_focal_point_gives_a_new_rendition():
    picture = ImageFactory()
    before = rendition_of(picture, "fill-10x30")
    picture.set_focal_point(Rect(0, 0, 10, 10))
    picture.save()
    after = rendition_of(fresh(picture)[0], "fill-10x30")
    assert after.pk != before.pk
    assert after.focal_point_key != before.focal_point_key


def test_a_filter_is_parsed_once_per_process():
    assert image_filter("fill-480x300|format-webp") is image_filter("fill-480x300|format-webp")


def test_an_img_is_written_as_wagtail_writes_it_with_boolean_and_empty_attributes():
    rendition = rendition_of(ImageFactory(), "width-20")
    attributes = {"hidden": True, "inert": False, "title": None, "data-x": 0, "alt": "Vitrine"}
    assert img_html(rendition, attributes) == rendition.img_tag(attributes)
    assert " hidden" in img_html(rendition, attributes)
