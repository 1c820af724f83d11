"""Responsive images: a picture's renditions at several widths, for an <img srcset>
(the browser picks one with `sizes`). Shop photos, offer pictures and the stories'
images all go through it."""

from dataclasses import dataclass

from django.db import models

# The widths a photo is offered in; the browser picks one with `sizes`.
PHOTO_WIDTHS = (400, 800, 1200)


@dataclass(frozen=True)
class ResponsiveImage:
    src: str
    srcset: str
    width: int
    height: int
    alt: str


def responsive_image(image, alt, widths=PHOTO_WIDTHS):
    """An image's renditions at `widths`, for an <img srcset>. An image narrower than a
    width gives no larger rendition (Wagtail does not upscale), so equal widths are
    offered once: a srcset may not list a width twice."""
    filters = [f"width-{width}|format-webp" for width in widths]
    renditions = {}
    for rendition in image.get_renditions(*filters).values():
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
