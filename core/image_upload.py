"""Uploaded photos brought down to a sane size before they are stored.

A phone's photo is 4,000 pixels wide or more, several megabytes, and often stored on its
side with an EXIF "orientation" tag saying how to turn it. Kept as it is, it fills the
disk and the backups, and every rendition starts from it. `shrunk_upload` turns it the
right way up and scales it down to `settings.IMAGE_UPLOAD_MAX_SIDE` pixels on its long
side. A photo with EXIF data is saved again even when small enough: the new file carries
none, so a phone's GPS position does not get published with a shop's photo.
"""

import io
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# Pillow's format name -> the options it is saved again with.
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85},
    "GIF": {},
}
EXIF_ORIENTATION = 0x0112


def max_side():
    return settings.IMAGE_UPLOAD_MAX_SIDE


def shrunk_upload(uploaded, limit=None):
    """A new file for the uploaded image `uploaded` (a Django File), turned upright,
    no larger than `limit` pixels (default `max_side()`) on its long side and without
    EXIF data, in the same format and under the same name; None when it is fine as it
    is, or is an animation (re-encoding would keep its first frame only)."""
    limit = limit or max_side()
    uploaded.seek(0)
    with Image.open(uploaded) as picture:
        image_format = picture.format
        if image_format not in SAVE_OPTIONS or getattr(picture, "is_animated", False):
            return None
        if max(picture.size) <= limit and not picture.getexif():
            return None
        upright = ImageOps.exif_transpose(picture)
        upright.thumbnail((limit, limit), Image.Resampling.LANCZOS)
        if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        options = dict(SAVE_OPTIONS[image_format])
        # The colour profile stays (a phone's wide-gamut photo would look dull without
        # it); the rest of the metadata does not.
        if icc_profile := picture.info.get("icc_profile"):
            options["icc_profile"] = icc_profile
        buffer = io.BytesIO()
        upright.save(buffer, format=image_format, **options)
    uploaded.seek(0)
    return ContentFile(buffer.getvalue(), name=PurePath(uploaded.name).name)
