"""CampaignPage: a campaign of the city ("#AcheterÀVilvèze"), its partners, its stories
and the shops that take part."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.admin_forms import VitrinePageForm
from core.date_range import DateRangeMixin, dates_panel
from core.pages import SitePage
from core.partners import Partner


class CampaignPartner(Partner):
    """An organisation that runs the campaign with the city (a traders' association, a
    local radio…): a name, a logo and a link."""

    campaign = ParentalKey(
        "stories.CampaignPage", on_delete=models.CASCADE, related_name="partners"
    )


class CampaignPage(SitePage, DateRangeMixin, Page):
    """/histoires/<campaign>/: what the campaign is, when it runs, who runs it, its
    stories, and the shops they feature with their current offers and a map."""

    base_form_class = VitrinePageForm

    hashtag = models.CharField(
        _("mot-dièse"),
        max_length=60,
        blank=True,
        help_text=_("Le nom court de la campagne sur les réseaux, p. ex. « #AcheterÀVilvèze »."),
    )
    intro = RichTextField(_("présentation"), features=["bold", "italic", "link", "ul"])
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hashtag"),
        FieldPanel("intro"),
        dates_panel(),
        InlinePanel("partners", label=_("Partenaires")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hashtag"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["stories.StoriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from stories.page_context import campaign_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_page_context(self, request, timezone.now()))
        return context
