"""Every block of a story's body has an icon, a description and its own template, and
renders its preview value (what the admin's block picker shows)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from stories.blocks import StoryBodyBlock
from tests.factories import ALL_WEEK, ImageFactory, ShopPageFactory, story_block
from tests.html import inline_code

pytestmark = pytest.mark.django_db

BLOCKS = StoryBodyBlock().child_blocks


@pytest.fixture
def library(now):
    """What previews pick from: an image and a live shop."""
    ImageFactory(description="La vitrine")
    return ShopPageFactory(title="Fleurs de la Place", hours=ALL_WEEK)


def render_preview(name):
    block = BLOCKS[name]
    return block.render(block.get_preview_value())


def test_the_body_offers_the_eight_blocks_of_a_story():
    assert list(BLOCKS) == [
        "paragraph",
        "heading",
        "testimonial",
        "image",
        "gallery",
        "video",
        "shop_card",
        "call_to_action",
    ]


@pytest.mark.parametrize("name", list(BLOCKS))
def test_block_has_icon_description_template_and_preview(name):
    meta = BLOCKS[name].meta
    assert meta.icon not in ("", "placeholder")
    assert str(meta.description)
    assert meta.template == f"components/streamfield/{name}.html"
    assert BLOCKS[name].is_previewable


def test_paragraph_renders_its_preview_value(library):
    assert "<b>écouté</b>" in render_preview("paragraph")


def test_heading_renders_its_preview_value_as_an_h2(library):
    assert render_preview("heading").strip() == (
        '<h2 class="story-block story-heading">Des fleurs livrées à vélo</h2>'
    )


def test_heading_level_is_never_anything_but_h2_or_h3():
    value = BLOCKS["heading"].normalize({"text": "Titre", "level": "h1"})
    assert value.tag == "h2"


def test_testimonial_renders_its_preview_value(library):
    html = render_preview("testimonial")
    assert "<blockquote" in html
    assert "Martine Lefèvre, gérante" in html
    assert 'class="testimonial__photo"' in html


def test_image_renders_its_preview_value_with_caption_credit_and_alt_text(library):
    html = render_preview("image")
    assert 'alt="La vitrine de la boutique"' in html
    assert "La vitrine au printemps." in html
    assert "Photo : Ville de Vilvèze" in html


def test_gallery_renders_its_preview_value(library):
    html = render_preview("gallery")
    assert html.count("<img") == 2
    assert "Photos : Ville de Vilvèze" in html


def test_video_renders_its_preview_value_as_a_link_not_a_player(library):
    html = render_preview("video")
    assert "Regarder « Une matinée à l&#x27;atelier » sur YouTube" in html
    assert "<iframe" not in html


def test_shop_card_renders_its_preview_value_with_the_shop_as_it_is_now(library):
    html = render_preview("shop_card")
    assert "Fleurs de la Place" in html
    assert "Ouvert · ferme à 18:00" in html
    assert "Itinéraire" in html


def test_call_to_action_renders_its_preview_value(library):
    html = render_preview("call_to_action")
    assert 'class="button" href="https://vilveze.example/commerces/" rel="noopener"' in html


@pytest.mark.parametrize("name", list(BLOCKS))
def test_block_preview_has_no_inline_code(library, name):
    assert inline_code(render_preview(name)) == []


def test_previews_render_on_an_empty_library(db):
    for name in BLOCKS:
        render_preview(name)


def test_shop_card_of_a_shop_taken_offline_renders_nothing(library):
    library.unpublish()
    _type, value = story_block("shop_card", {"shop": library})
    assert BLOCKS["shop_card"].render(value).strip() == ""


def test_call_to_action_needs_a_page_or_an_address_not_both(library):
    block = BLOCKS["call_to_action"]
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(block.normalize({"label": "Voir", "url": ""}))
    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(block.normalize({"label": "Voir", "page": library, "url": "https://a.be"}))
    assert block.clean(block.normalize({"label": "Voir", "page": library, "url": ""}))


def test_video_names_the_site_it_links_to():
    value = BLOCKS["video"].normalize({"url": "https://vimeo.com/123", "title": "Visite"})
    assert value.host == "Vimeo"
