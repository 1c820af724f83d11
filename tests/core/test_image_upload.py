"""Uploaded photos are turned upright and brought down to IMAGE_UPLOAD_MAX_SIDE pixels on
their long side, without their EXIF data (core.image_upload)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.image_upload import EXIF_ORIENTATION, shrunk_upload

ROTATED_90_CLOCKWISE = 6  # EXIF: turn the stored picture 90° clockwise to show it
GPS_INFO = 0x8825


def upload(width, height, image_format="JPEG", name="photo.jpg", exif=None, **options):
    buffer = io.BytesIO()
    picture = Image.new("RGB", (width, height), (200, 120, 40))
    # A dark left half, so that a rotation can be told from the pixels.
    picture.paste((10, 10, 10), (0, 0, width // 2, height))
    if exif is not None:
        options["exif"] = exif
    picture.save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def opened(file):
    return Image.open(io.BytesIO(file.read()))


def test_a_large_photo_is_scaled_down_to_the_limit_on_its_long_side(settings):
    settings.IMAGE_UPLOAD_MAX_SIDE = 2400
    smaller = shrunk_upload(upload(4000, 3000))
    picture = opened(smaller)
    assert picture.size == (2400, 1800)
    assert picture.format == "JPEG"
    assert smaller.name == "photo.jpg"


def test_a_tall_photo_is_limited_by_its_height():
    assert opened(shrunk_upload(upload(1000, 3000), limit=2400)).size == (800, 2400)


def test_a_png_stays_a_png():
    smaller = shrunk_upload(upload(3000, 1000, "PNG", "plan.png"), limit=2400)
    picture = opened(smaller)
    assert (picture.format, picture.size) == ("PNG", (2400, 800))


def test_a_photo_stored_on_its_side_is_turned_upright():
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATED_90_CLOCKWISE
    upright = opened(shrunk_upload(upload(300, 200, exif=exif), limit=2400))
    assert upright.size == (200, 300)
    assert upright.getexif().get(EXIF_ORIENTATION, 1) == 1
    # The stored picture's dark left half is the top once turned clockwise.
    assert upright.getpixel((100, 20))[0] < 60
    assert upright.getpixel((100, 280))[0] > 150


def exif_with_a_position():
    exif = Image.Exif()
    exif[GPS_INFO] = {1: "N", 2: (50.0, 28.0, 0.0)}
    exif[0x010F] = "Téléphone"  # the camera's maker
    return exif


def test_the_test_photo_has_a_gps_position():
    assert GPS_INFO in opened(upload(300, 200, exif=exif_with_a_position())).getexif()


def test_a_shrunk_photo_keeps_no_exif_data_such_as_its_gps_position():
    picture = opened(shrunk_upload(upload(3000, 2000, exif=exif_with_a_position()), limit=2400))
    assert dict(picture.getexif()) == {}


def test_a_small_photo_with_a_gps_position_is_saved_again_without_it():
    picture = opened(shrunk_upload(upload(300, 200, exif=exif_with_a_position()), limit=2400))
    assert picture.size == (300, 200)
    assert dict(picture.getexif()) == {}


def test_an_upright_photo_within_the_limit_is_kept_as_it_is():
    assert shrunk_upload(upload(2400, 1600), limit=2400) is None


def test_an_animation_is_kept_as_it_is():
    frames = [Image.new("RGB", (3000, 100), colour) for colour in ("red", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    assert shrunk_upload(SimpleUploadedFile("anime.gif", buffer.getvalue()), limit=2400) is None
