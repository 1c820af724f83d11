"""The merchants' offers: OfferPage (a child of its ShopPage) and the OffersPage feed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.admin_panels import StaffSchedulingPanel, staff_promote_panels
from core.clock import today
from core.date_range import DateRangeMixin, dates_panel
from core.images import optional_image
from core.pages import SitePage
from home.models import SectionIndexPage
from offers.dates import MAX_DURATION, Availability, availability, coming_sunday, is_current
from offers.merchant_models import MerchantProfile, ReminderSent, ShopAccess
from offers.offer_form import OfferPageForm

# Merchant accounts live in their own module; Django finds models through this one.
__all__ = [
    "MerchantProfile",
    "OfferKind",
    "OfferPage",
    "OfferRepost",
    "OffersPage",
    "ReminderSent",
    "ShopAccess",
]

# An ended offer's address answers "Gone": it existed and will not come back, so search
# engines drop it instead of retrying.
GONE = 410


class OfferKind(models.TextChoices):
    PROMOTION = "promotion", _("Promotion")
    NEW_ARRIVAL = "nouveaute", _("Nouveauté")
    EVENT = "evenement", _("Événement en magasin")
    WEEKLY_SPECIAL = "semaine", _("Spécialité de la semaine")


class OfferPage(SitePage, DateRangeMixin, Page):
    """One offer of one shop, shown from its first to its last day (Brussels time),
    decided when the page is asked for: an ended offer never shows, with or without a
    scheduler."""

    short_text = models.CharField(
        _("texte court"),
        max_length=300,
        help_text=_("Ce que le client gagne, en une ou deux phrases."),
    )
    image = optional_image(_("image"))
    kind = models.CharField(
        _("type d'offre"), max_length=20, choices=OfferKind.choices, default=OfferKind.PROMOTION
    )
    start_date = models.DateField(_("premier jour"), default=today)
    end_date = models.DateField(_("dernier jour"), default=coming_sunday)
    price_text = models.CharField(
        _("prix ou réduction"),
        max_length=80,
        blank=True,
        help_text=_("p. ex. « -20 % » ou « 2 pour 5 € »"),
    )
    coupon_code = models.CharField(_("code promo"), max_length=40, blank=True)
    conditions = models.TextField(_("conditions"), max_length=600, blank=True)
    online_url = models.URLField(_("lien pour acheter en ligne"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("short_text"),
        dates_panel(),
        FieldPanel("kind"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("price_text"),
                FieldPanel("coupon_code"),
                FieldPanel("conditions"),
                FieldPanel("online_url"),
            ],
            heading=_("Détails (facultatif)"),
        ),
    ]
    # An offer's address, its search engines' texts and Wagtail's go-live and expiry
    # dates are staff's: a merchant's form is the offer itself (its first and last days
    # say when it shows), and its slug is made from its title.
    promote_panels = staff_promote_panels()
    settings_panels = [
        StaffSchedulingPanel(),
        *Page.settings_panels[1:],  # Wagtail's own scheduling panel is replaced above
    ]
    search_fields = Page.search_fields + [
        index.SearchField("short_text"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["directory.ShopPage"]
    subpage_types = []
    # Merchants edit it: its image accepts only images they may choose, and they never
    # see its slug (offers.offer_form).
    base_form_class = OfferPageForm

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        # Current offers are those not over yet (and started): a few among every offer
        # ever posted. Without it SQLite reads every page of the site to find them.
        indexes = [models.Index(fields=["end_date"], name="offers_end_date")]

    def permissions_for_user(self, user):
        """Whoever may edit an offer may also unpublish or delete it."""
        from offers.permissions import OfferPermissionTester

        return OfferPermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date - self.start_date > MAX_DURATION:
            raise ValidationError(
                {
                    "end_date": _(
                        "Une offre dure au plus 8 semaines ; publiez-en une nouvelle ensuite."
                    )
                }
            )

    def serve(self, request, *args, **kwargs):
        """Decided on each request, in Brussels: an ended offer answers 410 with a page
        pointing to its shop, one not yet started is not there yet (404). Only `serve`
        is overridden, so that editors still preview an offer before its first day."""
        from offers.page_context import ended_offer_context

        day = today()
        state = availability(self, day)
        if state == Availability.UPCOMING:
            raise Http404
        if state == Availability.ENDED:
            return TemplateResponse(
                request, "offers/offer_ended.html", ended_offer_context(self, day), status=GONE
            )
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from offers.page_context import offer_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(offer_page_context(self, request, timezone.now(), today()))
        return context

    def calendar(self, request):
        """An event offer's dates for a resident's calendar (core.calendar), while it is
        current; None for another kind of offer, or one not current."""
        from offers.page_context import offer_page_calendar

        return offer_page_calendar(self, request, today())

    def get_sitemap_urls(self, request=None):
        """Only a current offer is worth a search engine's visit."""
        if not is_current(self.start_date, self.end_date, today()):
            return []
        return super().get_sitemap_urls(request)


class OfferRepost(models.Model):
    """An offer reposted for a week (offers.reposting): one copy per offer and week.

    The unique constraint is what makes reposting idempotent, also when two requests
    (a double tap, a form posted twice) repost at the same moment: the second one's row
    is refused by the database, and it answers with the first one's copy. Deleting the
    copy deletes the row, so the offer can be reposted for that week again."""

    source = models.ForeignKey(
        OfferPage,
        verbose_name=_("offre d'origine"),
        on_delete=models.CASCADE,
        related_name="reposts",
    )
    # The Monday of the copy's first day.
    week = models.DateField(_("semaine"))
    # Empty only inside the transaction that makes the copy.
    copy = models.OneToOneField(
        OfferPage,
        verbose_name=_("copie"),
        on_delete=models.CASCADE,
        related_name="reposted_from",
        null=True,
    )

    class Meta:
        verbose_name = _("offre repostée")
        verbose_name_plural = _("offres repostées")
        constraints = [
            models.UniqueConstraint(fields=["source", "week"], name="offers_one_repost_a_week")
        ]

    def __str__(self):
        return f"{self.source_id} → {self.copy_id} ({self.week})"


class OffersPage(RoutablePageMixin, SectionIndexPage):
    """/offres/: the feed of current offers, across all shops, and its RSS version at
    /offres/flux/."""

    subpage_types = []

    class Meta:
        verbose_name = _("fil des offres")
        verbose_name_plural = _("fils des offres")

    def get_context(self, request, *args, **kwargs):
        from offers.page_context import offers_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(offers_page_context(request, self, today()))
        return context

    @path("flux/", name="rss")
    def rss(self, request):
        from offers.rss import offers_rss_response

        return offers_rss_response(request, self, today())
