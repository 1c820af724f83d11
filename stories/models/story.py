"""StoryPage: a merchant's story, told by the city's communication team, and the shops it
sends its readers to."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.admin_forms import VitrinePageForm
from core.clock import today
from core.images import optional_image
from core.pages import SitePage
from stories.blocks import StoryBodyBlock


class StoryFeaturedShop(Orderable):
    """A shop the story features: it is shown, live, in the closing "Rendez-leur visite"
    section and on its map, and the shop's page lists the story."""

    story = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="featured_shops"
    )
    shop = models.ForeignKey(
        "directory.ShopPage",
        verbose_name=_("commerce"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("shop")]

    class Meta(Orderable.Meta):
        verbose_name = _("commerce mis en avant")
        verbose_name_plural = _("commerces mis en avant")


class StoryPage(SitePage, Page):
    """/histoires/<story>/: a story about one or more merchants, in a campaign or not."""

    base_form_class = VitrinePageForm

    standfirst = models.TextField(
        _("chapeau"),
        max_length=300,
        help_text=_("Deux ou trois phrases qui donnent envie de lire (300 caractères au plus)."),
    )
    hero_image = optional_image(
        _("image principale"),
        help_text=_(
            "Au format paysage, au moins 1200 pixels de large ; sa description sert de "
            "texte alternatif."
        ),
    )
    hero_image_credit = models.CharField(_("crédit de l'image"), max_length=120, blank=True)
    publication_date = models.DateField(
        _("date de publication"),
        default=today,
        help_text=_("La date affichée ; pour publier plus tard, programmez la publication."),
    )
    campaign = models.ForeignKey(
        "stories.CampaignPage",
        verbose_name=_("campagne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    pinned = models.BooleanField(
        _("épinglée sur la page d'accueil"),
        default=False,
        help_text=_("Les histoires épinglées passent avant les plus récentes sur l'accueil."),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("histoire"))

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_credit")],
            heading=_("Image principale"),
        ),
        FieldPanel("campaign"),
        FieldPanel("body"),
        InlinePanel(
            "featured_shops",
            label=_("Commerces mis en avant"),
            help_text=_("Ils ferment l'histoire : « Rendez-leur visite », avec une carte."),
        ),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("publication_date"),
        FieldPanel("pinned"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
        index.FilterField("campaign"),
        index.FilterField("pinned"),
    ]

    parent_page_types = ["stories.StoriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("histoire")
        verbose_name_plural = _("histoires")

    @property
    def meta_description(self):
        return self.search_description or self.standfirst

    def get_context(self, request, *args, **kwargs):
        from stories.page_context import story_page_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context.update(story_page_context(self, request, timezone.now(), preview=preview))
        return context
