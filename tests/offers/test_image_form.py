"""A merchant uploads a photo with its file and alternative text only; the title comes
from the file's name and keywords are not theirs to set. Every upload is brought down
to IMAGE_UPLOAD_MAX_SIDE pixels (offers.image_forms, core.image_upload). Staff keep
Wagtail's whole form."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from offers.image_forms import title_from_filename

pytestmark = pytest.mark.django_db


def photo(name="devanture_ete-2026.jpg", size=(800, 600)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (214, 137, 16)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def visible_inputs(html):
    """The names of the form's inputs a person sees and fills in."""
    form = html[html.index('id="w-editor-form"') :]
    form = form[: form.index("</form>")]
    names = set()
    for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if name and 'type="hidden"' not in tag:
            names.add(name.group(1))
    return names


def test_title_from_filename_reads_like_words():
    assert title_from_filename("devanture_ete-2026.JPG") == "devanture ete 2026"
    assert title_from_filename("___.png") == "Photo"


def test_merchant_is_asked_for_the_file_and_its_alternative_text_only(client, merchant_a):
    client.force_login(merchant_a.user)
    html = client.get(reverse("wagtailimages:add")).content.decode()
    assert visible_inputs(html) == {"file", "description"}
    assert "Texte alternatif" in html


def test_staff_keep_title_and_keywords(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("wagtailimages:add")).content.decode()
    assert {"title", "file", "description", "tags"} <= visible_inputs(html)


def test_merchants_upload_is_titled_after_its_file_and_takes_no_crafted_keywords(
    client, merchant_a
):
    client.force_login(merchant_a.user)
    response = client.post(
        reverse("wagtailimages:add"),
        {"file": photo(), "description": "La vitrine d'été", "tags": "secret, piraté"},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(description="La vitrine d'été")
    assert image.title == "devanture ete 2026"
    assert list(image.tags.all()) == []
    assert image.collection == merchant_a.collection


def test_merchants_upload_with_a_title_keeps_it(client, merchant_a):
    client.force_login(merchant_a.user)
    client.post(reverse("wagtailimages:add"), {"file": photo(), "title": "Ma vitrine"})
    assert get_image_model().objects.filter(title="Ma vitrine").exists()


def test_staff_upload_keeps_title_and_keywords(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("wagtailimages:add"),
        {"file": photo(), "title": "Place du marché", "tags": "marché"},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Place du marché")
    assert [tag.name for tag in image.tags.all()] == ["marché"]


def test_a_large_upload_is_stored_scaled_down(client, staff_user, settings):
    settings.IMAGE_UPLOAD_MAX_SIDE = 2400
    client.force_login(staff_user)
    client.post(
        reverse("wagtailimages:add"),
        {"file": photo(size=(4000, 3000)), "title": "Grande photo"},
    )
    image = get_image_model().objects.get(title="Grande photo")
    assert (image.width, image.height) == (2400, 1800)
    with image.open_file() as stored:
        assert PillowImage.open(stored).size == (2400, 1800)
    assert image.file_size == image.file.size


def test_the_multiple_uploader_scales_a_merchants_photo_down_and_asks_its_alt_text(
    client, merchant_a, settings
):
    settings.IMAGE_UPLOAD_MAX_SIDE = 1000
    client.force_login(merchant_a.user)
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": photo("vitrine.jpg", size=(3000, 1500))},
    )
    answer = response.json()
    assert answer["success"], answer
    image = get_image_model().objects.get(pk=answer["image_id"])
    assert (image.width, image.height) == (1000, 500)
    assert image.collection == merchant_a.collection
    assert f'name="image-{image.pk}-description"' in answer["form"]
    assert f'name="image-{image.pk}-tags"' not in answer["form"]
