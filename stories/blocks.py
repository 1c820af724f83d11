"""The blocks of a story's body. Each has an icon, a description, a preview value (what
the admin's block picker shows) and a template of its own in
templates/components/streamfield/. What a template would otherwise compute lives on
a StructValue subclass, so templates only display."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

PREVIEW_TEMPLATE = "components/streamfield/block_preview.html"
# Headings start at h2: the story's title is the page's only h1.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
# The widths a picture is offered in; the browser picks one with `sizes`.
IMAGE_WIDTHS = (480, 800, 1200)
GALLERY_WIDTHS = (400, 800)

# Names people know video sites by; any other host is shown as it is.
VIDEO_HOSTS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "dailymotion.com": "Dailymotion",
}


def _preview_image():
    """The newest image of the library, for the previews of blocks that show one (the
    block picker has no image of its own to show); None on an empty library."""
    return get_image_model().objects.order_by("-created_at", "-pk").first()


def _preview_shop():
    from directory.models import ShopPage

    return ShopPage.objects.live().order_by("title").first()


class StoryStructBlock(blocks.StructBlock):
    class Meta:
        preview_template = PREVIEW_TEMPLATE


# --- Paragraph and heading ------------------------------------------------------------


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        description = _("Du texte : gras, italique, liens et listes.")
        template = "components/streamfield/paragraph.html"
        preview_template = PREVIEW_TEMPLATE
        preview_value = (
            "<p>Quand Martine a repris la boutique, elle a d'abord <b>écouté</b> ses "
            "clients : ils voulaient des fleurs de saison, livrées le jour même.</p>"
        )


class HeadingLevel(blocks.ChoiceBlock):
    choices = [("h2", _("Titre de section")), ("h3", _("Sous-titre"))]


class HeadingValue(blocks.StructValue):
    @property
    def tag(self):
        """The element's name, "h2" or "h3" (and h2 for anything else)."""
        return "h3" if self.get("level") == "h3" else "h2"


class HeadingBlock(StoryStructBlock):
    text = blocks.CharBlock(label=_("titre"), max_length=120)
    level = HeadingLevel(label=_("niveau"), default="h2")

    class Meta:
        icon = "title"
        label = _("Intertitre")
        description = _("Un titre qui ouvre une partie de l'histoire.")
        template = "components/streamfield/heading.html"
        value_class = HeadingValue
        preview_value = {"text": "Des fleurs livrées à vélo", "level": "h2"}


# --- Testimonial ----------------------------------------------------------------------


class TestimonialValue(blocks.StructValue):
    @property
    def attribution(self):
        """ "Martine Lefèvre, gérante" (the role is optional)."""
        return ", ".join(part for part in (self.get("name"), self.get("role")) if part)


class TestimonialBlock(StoryStructBlock):
    quote = blocks.TextBlock(label=_("citation"), max_length=600)
    name = blocks.CharBlock(label=_("nom de la personne"), max_length=80)
    role = blocks.CharBlock(
        label=_("rôle"), max_length=80, required=False, help_text=_("p. ex. « gérante »")
    )
    photo = ImageChooserBlock(label=_("photo"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Témoignage")
        description = _("Les mots d'un commerçant ou d'un client, avec son nom et son rôle.")
        template = "components/streamfield/testimonial.html"
        value_class = TestimonialValue

    def get_preview_value(self):
        return self.normalize(
            {
                "quote": "On ne vend pas des fleurs, on vend un moment. Les gens reviennent "
                "pour ça.",
                "name": "Martine Lefèvre",
                "role": "gérante",
                "photo": _preview_image(),
            }
        )


# --- Images ---------------------------------------------------------------------------


def _picture(image, widths):
    """An ImageBlock's image as a ResponsiveImage (its alt text chosen in the block)."""
    from core.images import responsive_image

    if image is None:
        return None
    alt = getattr(image, "contextual_alt_text", None) or ""
    return responsive_image(image, alt, widths=widths)


class CaptionedImageValue(blocks.StructValue):
    @property
    def has_caption(self):
        return bool(self.get("caption") or self.get("credit"))

    @cached_property
    def picture(self):
        return _picture(self.get("image"), IMAGE_WIDTHS)


class GalleryImageValue(blocks.StructValue):
    @cached_property
    def picture(self):
        return _picture(self.get("image"), GALLERY_WIDTHS)


class CaptionedImageBlock(StoryStructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), max_length=250, required=False)
    credit = blocks.CharBlock(
        label=_("crédit"), max_length=120, required=False, help_text=_("p. ex. « Ville de … »")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("Une photo, avec sa légende et son crédit.")
        template = "components/streamfield/image.html"
        value_class = CaptionedImageValue

    def get_preview_value(self):
        image = _preview_image()
        if image is not None:
            image.contextual_alt_text = "La vitrine de la boutique"
            image.decorative = False
        return self.normalize(
            {"image": image, "caption": "La vitrine au printemps.", "credit": "Ville de Vilvèze"}
        )


class GalleryImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), max_length=160, required=False)

    class Meta:
        icon = "image"
        label = _("Image de la galerie")
        value_class = GalleryImageValue


class GalleryBlock(StoryStructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=2, max_num=12)
    credit = blocks.CharBlock(label=_("crédit"), max_length=120, required=False)

    class Meta:
        icon = "grid"
        label = _("Galerie")
        description = _("De deux à douze photos, en grille.")
        template = "components/streamfield/gallery.html"

    def get_preview_value(self):
        image = _preview_image()
        items = []
        for caption in ("Le comptoir", "L'atelier"):
            if image is not None:
                image.contextual_alt_text = caption
                image.decorative = False
            items.append({"image": image, "caption": caption})
        return self.normalize({"images": items, "credit": "Ville de Vilvèze"})


# --- Video ----------------------------------------------------------------------------


class VideoValue(blocks.StructValue):
    @property
    def host(self):
        """The video site's name ("YouTube"), for the link's text."""
        netloc = urlsplit(self.get("url") or "").netloc.lower().removeprefix("www.")
        netloc = netloc.removeprefix("m.")
        return VIDEO_HOSTS.get(netloc, netloc)


class VideoBlock(StoryStructBlock):
    """A video on a video site, shown as a link (with a poster image from the library).

    Not an embedded player: a player in a frame would load the video site for every
    reader, a third-party request the site never makes (and the CSP forbids frames from
    other origins). The link leaves that choice to the reader."""

    url = blocks.URLBlock(label=_("adresse de la vidéo"))
    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=160)
    poster = ImageChooserBlock(label=_("image d'aperçu"), required=False)
    summary = blocks.TextBlock(
        label=_("résumé"),
        max_length=600,
        required=False,
        help_text=_("Ce que dit la vidéo, pour qui ne peut pas la regarder."),
    )

    class Meta:
        icon = "media"
        label = _("Vidéo")
        description = _("Un lien vers une vidéo (YouTube, Vimeo…), avec une image d'aperçu.")
        template = "components/streamfield/video.html"
        value_class = VideoValue

    def get_preview_value(self):
        return self.normalize(
            {
                "url": "https://www.youtube.com/watch?v=exemple",
                "title": "Une matinée à l'atelier",
                "poster": _preview_image(),
                "summary": "Martine compose les bouquets du jour avant l'ouverture.",
            }
        )


# --- Shop card ------------------------------------------------------------------------


class ShopCardValue(blocks.StructValue):
    @cached_property
    def card(self):
        """The shop as it is now (open or closed, address, directions, current offer),
        or None when it is not a live shop any more. The story page loads the cards of
        all its shops at once and sets them here; alone (a block preview), the card
        loads its own."""
        from stories.shops import visit_cards

        shop = self.get("shop")
        if shop is None:
            return None
        return visit_cards([shop.pk], timezone.now()).get(shop.pk)


class ShopCardBlock(StoryStructBlock):
    shop = blocks.PageChooserBlock(label=_("commerce"), page_type="directory.ShopPage")
    note = blocks.CharBlock(
        label=_("pourquoi y aller"),
        max_length=200,
        required=False,
        help_text=_("Une phrase, p. ex. « Pour le bouquet du samedi »."),
    )

    class Meta:
        icon = "site"
        label = _("Fiche commerce")
        description = _(
            "Un commerce à visiter, avec ses horaires du moment, son adresse, un "
            "itinéraire et son offre en cours."
        )
        template = "components/streamfield/shop_card.html"
        value_class = ShopCardValue

    def get_preview_value(self):
        return self.normalize({"shop": _preview_shop(), "note": "Pour le bouquet du samedi."})


# --- Call to action -------------------------------------------------------------------


class CallToActionValue(blocks.StructValue):
    @property
    def href(self):
        page = self.get("page")
        if page is not None:
            return page.url
        return self.get("url") or ""

    @property
    def is_external(self):
        return self.get("page") is None and bool(self.get("url"))


class CallToActionBlock(StoryStructBlock):
    label = blocks.CharBlock(label=_("texte du bouton"), max_length=80)
    page = blocks.PageChooserBlock(label=_("page du site"), required=False)
    url = blocks.URLBlock(label=_("ou adresse externe"), required=False)

    class Meta:
        icon = "link"
        label = _("Bouton d'action")
        description = _("Un lien bien visible : vers une page du site ou une adresse externe.")
        template = "components/streamfield/call_to_action.html"
        value_class = CallToActionValue
        preview_value = {
            "label": "Découvrir les commerces du centre",
            "url": "https://vilveze.example/commerces/",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError(_("Choisissez soit une page du site, soit une adresse."))
            raise StructBlockValidationError(block_errors={"url": message})
        return value


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    testimonial = TestimonialBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    shop_card = ShopCardBlock()
    call_to_action = CallToActionBlock()
