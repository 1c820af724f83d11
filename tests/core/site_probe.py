"""What the backup tests run inside a site of their own (DATABASE_URL, MEDIA_ROOT), as
`python -m tests.core.site_probe COMMAND`:

- `add-image TITLE`: upload an image (a new picture, with one rendition), as the
  admin's upload form stores it; prints its id;
- `inventory [--serve] [--new-renditions]`: print as JSON what a backup must keep: every
  page (path, title, live revision), every image and document (file bytes' SHA-256),
  the renditions whose file is missing, the counting totals; `--serve` adds the status
  of the site's main pages, `--new-renditions` makes a new rendition of every image.
"""

import argparse
import hashlib
import io
import json
import os
import random

import django


def add_image(title):
    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from wagtail.images import get_image_model

    picture = Picture.new("RGB", (120, 90))
    picture.putdata([tuple(random.randrange(256) for _ in range(3)) for _ in range(120 * 90)])
    data = io.BytesIO()
    picture.save(data, "PNG")
    image = get_image_model()(title=title, file=ImageFile(data, name="upload.png"))
    image.save()
    image.get_rendition("fill-80x80")
    return image.pk


def _digest(field):
    with field.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def inventory(serve=False, new_renditions=False):
    from django.core.files.storage import default_storage
    from django.db.models import Sum
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from directory.models import ShopPage
    from insights.models import DailyCount, DailySearch

    images = get_image_model().objects.order_by("pk")
    result = {
        "pages": [
            [page.url_path, page.title, page.live, page.live_revision_id, page.latest_revision_id]
            for page in Page.objects.order_by("path")
        ],
        "shops": list(ShopPage.objects.live().order_by("pk").values_list("pk", flat=True)),
        "images": [[image.title, image.file.name, _digest(image.file)] for image in images],
        "documents": [
            [document.title, document.file.name, _digest(document.file)]
            for document in get_document_model().objects.order_by("pk")
        ],
        "renditions": sum(image.renditions.count() for image in images),
        "missing_renditions": [
            rendition.file.name
            for image in images
            for rendition in image.renditions.all()
            if not default_storage.exists(rendition.file.name)
        ],
        "daily_counts": DailyCount.objects.aggregate(total=Sum("count"))["total"] or 0,
        "daily_searches": DailySearch.objects.aggregate(total=Sum("count"))["total"] or 0,
    }
    if serve:
        client = Client()
        result["served"] = {
            page.url_path: client.get(page.get_url()).status_code
            for page in Page.objects.live().filter(depth__gte=2, depth__lte=3)
        }
    if new_renditions:
        result["new_renditions"] = [
            default_storage.exists(image.get_rendition("width-37").file.name) for image in images
        ]
    return result


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("add-image").add_argument("title")
    probe = commands.add_parser("inventory")
    probe.add_argument("--serve", action="store_true")
    probe.add_argument("--new-renditions", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vitrine.settings.dev")
    django.setup()
    if args.command == "add-image":
        print(add_image(args.title))
    else:
        print(json.dumps(inventory(serve=args.serve, new_renditions=args.new_renditions)))


if __name__ == "__main__":
    main()
