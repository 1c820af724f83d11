"""The demo's images: drawn with Pillow by each step (nothing is downloaded) and kept
in a "Démo" collection, where a second run finds them by title."""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection


def demo_image(title, picture, description="", report=None):
    """The image titled `title` in the demo collection, drawn and saved if missing."""
    image_model = get_image_model()
    collection = demo_collection()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    filename = f"demo-{slugify(title)}.jpg"
    image = image_model(title=title, description=description, collection=collection)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    if report is not None:
        report.add(f"image « {title} »")
    return image


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Démo").first()
    return existing or root.add_child(name="Démo")
