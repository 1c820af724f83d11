"""City operations that shops join: opening days (a Sunday opening, a braderie, late
openings before Christmas) and schemes valid over a period (chèques commerce accepted,
a loyalty card, the "Week-end du client").

Staff write an operation as a page under the operations section (/operations/…). Which
shops take part is not part of the page's revisions: a merchant joins or leaves at
once, and a later publication of the page by staff must not undo it, so a shop's
participation is a row of its own (`OperationParticipation`), not an inline child.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.admin_forms import VitrinePageForm
from core.images import optional_image
from core.pages import SitePage
from core.partners import Partner
from home.models import SectionIndexPage


class OperationKind(models.TextChoices):
    # Shops open on given dates at given hours (they replace the shop's usual hours
    # that day).
    OPENING_DAYS = "opening_days", _("journées d'ouverture")
    # Shops take part over a period: no hours, a badge and a filter.
    SCHEME = "scheme", _("dispositif sur une période")


# The standing page « Qui est ouvert dimanche ? », under the operations section; an
# operation may not take its address.
OPEN_ON_SUNDAY_SLUG = "qui-est-ouvert-dimanche"


class OperationsPage(RoutablePageMixin, SectionIndexPage):
    """/operations/: the city's operations, the coming ones first, and the standing page
    « Qui est ouvert dimanche ? » at /operations/qui-est-ouvert-dimanche/."""

    subpage_types = ["directory.OperationPage"]

    class Meta:
        verbose_name = _("rubrique des opérations")
        verbose_name_plural = _("rubriques des opérations")

    def get_context(self, request, *args, **kwargs):
        from directory.operation_pages import operations_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(operations_page_context(self, request, timezone.now()))
        return context

    @path(f"{OPEN_ON_SUNDAY_SLUG}/", name=OPEN_ON_SUNDAY_SLUG)
    def open_on_sunday(self, request):
        from directory.operation_pages import open_on_sunday_context

        # Not self.render(), which would also work out the section's own listing.
        context = super().get_context(request)
        context.update(open_on_sunday_context(self, request, timezone.now()))
        return TemplateResponse(request, "directory/open_on_sunday.html", context)


class OperationPartner(Partner):
    """An organisation that runs the operation with the city (a traders' association,
    a bank for the chèques commerce…)."""

    operation = ParentalKey(
        "directory.OperationPage", on_delete=models.CASCADE, related_name="partners"
    )


class OperationDay(Orderable):
    """One date of an opening-days operation, with the hours a shop that joins keeps
    unless it gives its own."""

    operation = ParentalKey(
        "directory.OperationPage", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    opens = models.TimeField(_("ouvre à"))
    closes = models.TimeField(_("ferme à"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("journée")
        verbose_name_plural = _("journées")
        indexes = [models.Index(fields=["date"], name="directory_operation_day_date")]
        # The hours logic reads a joined day as a range ending the day it starts
        # (directory.opening_days); a script or an import must not write another.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="directory_operation_day_hours",
            )
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("La fermeture suit l'ouverture.")})


class OperationPage(SitePage, Page):
    """/operations/<operation>/: what the operation is, when, who runs it, and the shops
    that take part."""

    base_form_class = VitrinePageForm

    kind = models.CharField(
        _("type"), max_length=20, choices=OperationKind.choices, default=OperationKind.OPENING_DAYS
    )
    intro = RichTextField(_("présentation"), features=["bold", "italic", "link", "ul"])
    image = optional_image(_("image"))
    image_alt = models.CharField(_("texte alternatif de l'image"), max_length=200, blank=True)
    # A scheme's period; an opening-days operation runs on its days.
    start_date = models.DateField(_("premier jour"), null=True, blank=True)
    end_date = models.DateField(_("dernier jour"), null=True, blank=True)
    joining_closes_on = models.DateField(
        _("inscriptions jusqu'au"),
        null=True,
        blank=True,
        help_text=_(
            "Dernier jour où un commerçant peut s'inscrire ou se retirer. Vide : jusqu'à la fin."
        ),
    )

    # A directory filter this operation took over: `?service=<slug>` on the directory,
    # once a Service of that slug is gone, reads as `?operation=<this page's slug>`, so
    # that links and bookmarks to the old filter keep working.
    replaces_service = models.SlugField(
        _("remplace le filtre de service"),
        max_length=80,
        blank=True,
        help_text=_(
            "Adresse (slug) d'un ancien service de l'annuaire que ce dispositif remplace : "
            "les liens « ?service=… » mènent alors à ses commerces."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        InlinePanel("days", label=_("Journées d'ouverture")),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Période du dispositif")
        ),
        FieldPanel("joining_closes_on"),
        InlinePanel("partners", label=_("Partenaires")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("replaces_service")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["directory.OperationsPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("opération")
        verbose_name_plural = _("opérations")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Le dernier jour suit le premier.")})
        if self.kind == OperationKind.SCHEME and not self.start_date:
            raise ValidationError(
                {"start_date": _("Un dispositif commence un jour : indiquez le premier.")}
            )
        if self.image and not self.image_alt:
            raise ValidationError({"image_alt": _("Décrivez l'image pour qui ne la voit pas.")})
        if self.slug == OPEN_ON_SUNDAY_SLUG:
            raise ValidationError(
                {"slug": _("Cette adresse est celle de « Qui est ouvert dimanche ? ».")}
            )

    def get_context(self, request, *args, **kwargs):
        from directory.operation_pages import operation_page_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context.update(operation_page_context(self, request, timezone.now(), preview=preview))
        return context

    def calendar(self, request):
        """The operation's days for a resident's calendar (core.calendar)."""
        from directory.operation_pages import operation_page_calendar

        return operation_page_calendar(self, request)


class OperationParticipation(models.Model):
    """A shop that takes part in an operation. For an opening day, `opens`/`closes` are
    the shop's own hours on every day of the operation; empty, the day's hours."""

    operation = models.ForeignKey(
        OperationPage,
        verbose_name=_("opération"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    shop = models.ForeignKey(
        "directory.ShopPage",
        verbose_name=_("commerce"),
        on_delete=models.CASCADE,
        related_name="operation_participations",
    )
    opens = models.TimeField(_("ouvre à"), null=True, blank=True)
    closes = models.TimeField(_("ferme à"), null=True, blank=True)
    joined_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrit par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "shop"], name="directory_participation_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(opens__isnull=True, closes__isnull=True)
                    | models.Q(
                        opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")
                    )
                ),
                name="directory_participation_hours",
            ),
        ]
        indexes = [models.Index(fields=["shop", "operation"], name="directory_participation_shop")]

    def __str__(self):
        return f"{self.shop_id} → {self.operation_id}"
