"""Pictures' renditions, found cheaply, and responsive images: a picture's renditions at
several widths, for an <img srcset> (the browser picks one with `sizes`). Shop photos,
offer pictures, the stories' images and every `{% image %}` of the templates (the
`image_tags` library) go through it.

Wagtail's own lookups cost more than they need to for a page showing many pictures:
its `{% image %}` tag parses its filter again at every rendering (each operation's
arguments checked through `inspect.getcallargs`) and writes every rendition it reads
back into the cache; a prefetch of `renditions` loads every size ever made of each
picture. Here a filter is parsed once per process, the renditions of a list's pictures
are read from Wagtail's rendition cache at once (then one query for those missing, and
only those are written to the cache), and each picture holds what was found for it, so
that reading it again in the same page costs nothing.
"""

from dataclasses import dataclass
from html import escape

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

from core import compat

# The widths a photo is offered in; the browser picks one with `sizes`.
PHOTO_WIDTHS = (400, 800, 1200)
# The picture of an offer's or a story's card (components/offer_card.html,
# stories/components/story_card.html): what their lists load for their cards at once.
CARD_PICTURE = "fill-480x300|format-webp"


@dataclass(frozen=True)
class ResponsiveImage:
    src: str
    srcset: str
    width: int
    height: int
    alt: str


_filters = {}


def image_filter(spec):
    """Wagtail's Filter for `spec` ("fill-480x300|format-webp"), made once per process: a
    Filter does not change once its operations are parsed, and parsing them costs more
    than finding a rendition."""
    found = _filters.get(spec)
    if found is None:
        found = _filters[spec] = Filter(spec=spec)
    return found


def load_renditions(images, *specs):
    """Make each of `images` (None is skipped) hold its renditions for the filter
    `specs`, where rendition_of() and Wagtail's own lookups find them. Those it holds
    already cost nothing; the others are read from Wagtail's rendition cache at once,
    then from the database in one query, and the few never made are made (by Wagtail,
    which keeps them in its cache). Only what the database gave is written to the cache."""
    _find([image for image in images if image is not None], [image_filter(s) for s in specs])


def rendition_of(image, spec):
    """The rendition of `image` for the filter `spec` (what Wagtail's
    `get_rendition_or_not_found` gives: a placeholder when the original file is missing),
    found as load_renditions() does."""
    found = _find([image], [image_filter(spec)])
    return found[id(image), spec]


def _find(images, filters):
    """{(id(image), spec): rendition} for each of `images` and `filters`."""
    found, wanted = {}, {}
    for image in images:
        held = {
            (rendition.filter_spec, rendition.focal_point_key): rendition
            for rendition in compat.held_renditions(image)
        }
        for spec_filter in filters:
            focal_key = spec_filter.get_cache_key(image)
            rendition = held.get((spec_filter.spec, focal_key))
            if rendition is not None:
                found[id(image), spec_filter.spec] = rendition
            else:
                wanted[id(image), spec_filter.spec] = (image, spec_filter, focal_key)
    if not wanted:
        return found
    rendition_model = images[0].get_rendition_model()
    # Two objects of one picture share a cache key.
    by_cache_key = {}
    for key, (image, spec_filter, focal_key) in wanted.items():
        cache_key = rendition_model.construct_cache_key(image, focal_key, spec_filter.spec)
        by_cache_key.setdefault(cache_key, []).append(key)
    cached = rendition_model.cache_backend.get_many(list(by_cache_key))
    for cache_key, rendition in cached.items():
        for key in by_cache_key[cache_key]:
            _keep(found, key, wanted.pop(key)[0], rendition)
    if wanted:
        _read_from_database(rendition_model, wanted, found)
    for key, (image, spec_filter, _focal_key) in wanted.items():
        _keep(found, key, image, get_rendition_or_not_found(image, spec_filter))
    return found


def _read_from_database(rendition_model, wanted, found):
    """Move what the database has of `wanted` into `found` (one query), and keep it in
    Wagtail's rendition cache."""
    pictures = {image.pk for image, _, _ in wanted.values()}
    specs = {spec_filter.spec for _, spec_filter, _ in wanted.values()}
    rows = {
        (rendition.image_id, rendition.filter_spec, rendition.focal_point_key): rendition
        for rendition in rendition_model.objects.filter(
            image_id__in=pictures, filter_spec__in=specs
        )
    }
    to_cache = {}
    for key, (image, spec_filter, focal_key) in list(wanted.items()):
        rendition = rows.get((image.pk, spec_filter.spec, focal_key))
        if rendition is not None:
            del wanted[key]
            _keep(found, key, image, rendition)
            cache_key = rendition_model.construct_cache_key(image, focal_key, spec_filter.spec)
            to_cache[cache_key] = rendition
    if to_cache:
        rendition_model.cache_backend.set_many(to_cache)


def _keep(found, key, image, rendition):
    found[key] = rendition
    if rendition.pk is None:
        return  # Wagtail's placeholder for a missing original: nothing to hold
    # The rendition refers to this object of its picture (its alt text, as Wagtail does).
    rendition.image = image
    compat.hold_rendition(image, rendition)


def img_html(rendition, attributes):
    """The <img> Wagtail's `rendition.img_tag(attributes)` writes: the rendition's src,
    width, height and alt, Wagtail's default attributes, then `attributes`, in the order
    of their names, each value escaped unless it is safe HTML already, a true boolean
    written bare and a false one or None left out (Django's `flatatt`). Written here
    directly: `flatatt` formats each attribute through `format_html`, which cost more
    than finding the rendition."""
    found = {
        "src": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
        **apps.get_app_config("wagtailimages").default_attrs,
        **attributes,
    }
    pairs, flags = [], []
    for name, value in found.items():
        if isinstance(value, bool):
            if value:
                flags.append(name)
        elif value is not None:
            pairs.append((name, value))
    html = "".join(f' {_escaped(name)}="{_escaped(value)}"' for name, value in sorted(pairs))
    html += "".join(f" {_escaped(name)}" for name in sorted(flags))
    # Every name and value is escaped above.
    return mark_safe(f"<img{html}>")


def _escaped(value):
    """Django's conditional_escape, as a string."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def responsive_specs(widths=PHOTO_WIDTHS):
    """The filters of responsive_image() at `widths`."""
    return [f"width-{width}|format-webp" for width in widths]


def responsive_image(image, alt, widths=PHOTO_WIDTHS):
    """An image's renditions at `widths`, for an <img srcset>. An image narrower than a
    width gives no larger rendition (Wagtail does not upscale), so equal widths are
    offered once: a srcset may not list a width twice."""
    specs = responsive_specs(widths)
    found = _find([image], [image_filter(spec) for spec in specs])
    renditions = {}
    for spec in specs:
        rendition = found[id(image), spec]
        renditions.setdefault(rendition.width, rendition)
    ordered = [renditions[width] for width in sorted(renditions)]
    smallest = ordered[0]
    return ResponsiveImage(
        src=smallest.url,
        srcset=", ".join(f"{rendition.url} {rendition.width}w" for rendition in ordered),
        width=smallest.width,
        height=smallest.height,
        alt=alt,
    )


def optional_image(verbose_name, **options):
    """A model's optional picture from the image library: deleting the image empties the
    field and keeps the page (or setting), and Image gets no reverse accessor. Extra
    `options` (help_text…) go to the ForeignKey."""
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **options,
    )
