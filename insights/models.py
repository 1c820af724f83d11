"""What the site counts: daily totals per page, event kind and source, and daily totals
per directory search. Nothing here identifies a visitor: no address, no user agent, no
cookie, no identifier; a row is a day's total.

Why a foreign key to wagtailcore.Page rather than a content type and an object id:
everything counted (shops, offers, stories, campaigns, the directory) is a page of the
tree, so one foreign key keeps integrity (a count cannot point at nothing, and goes
when its page is deleted), lets a report fetch titles and types in the same query, and
lets a merchant's figures be found by tree path (their shops and the offers under them).
The page's type comes with it (Page.content_type), so kinds are checked against it.

The source (the offer, story or campaign that led to the event) is a plain page id, 0
when there is none, not a nullable foreign key: it is part of the unique key that the
atomic upsert relies on, and NULLs are never equal in a unique index (SQLite, and
PostgreSQL before NULLS NOT DISTINCT); and deleting a story must neither erase nor
block the counts of the shops it sent people to (reports name it "page supprimée").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.caching import CachedPerSite, cached

NO_SOURCE = 0


class EventKind(models.TextChoices):
    VIEW = "view", _("Vue")
    DIRECTIONS = "directions", _("Itinéraire")
    CALL = "call", _("Appel")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Site web")
    ONLINE_SHOP = "online_shop", _("Boutique en ligne")
    BOOKING = "booking", _("Réservation")


# The intents to go to the shop: everything but a view.
INTENT_KINDS = [kind for kind in EventKind.values if kind != EventKind.VIEW]


class DailyCount(models.Model):
    """How many times `kind` happened on `page` on `day` (Brussels), led there by the
    page `source_page_id` (an offer, story or campaign; NO_SOURCE for none)."""

    day = models.DateField(_("jour"))
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    source_page_id = models.PositiveIntegerField(_("page d'origine"), default=NO_SOURCE)
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("total du jour")
        verbose_name_plural = _("totaux du jour")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "kind", "source_page_id"], name="insights_count_key"
            )
        ]
        indexes = [
            # A merchant's figures and a page's history: by page, then by day.
            models.Index(fields=["page", "day"], name="insights_count_page_day"),
            # The report's "what did this story lead to": by source, then by day.
            models.Index(fields=["source_page_id", "day"], name="insights_count_source_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.page_id} {self.kind} ({self.source_page_id}): {self.count}"


class DailySearch(models.Model):
    """How many times the directory was searched for `query` (normalised: lower-case
    ASCII words) on `day`, and whether that search found any shop."""

    MAX_LENGTH = 100

    day = models.DateField(_("jour"))
    query = models.CharField(_("recherche"), max_length=MAX_LENGTH)
    found = models.BooleanField(_("trouvée"))
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("recherche du jour")
        verbose_name_plural = _("recherches du jour")
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "found"], name="insights_search_key")
        ]

    def __str__(self):
        return f"{self.day} « {self.query} » ({self.found}): {self.count}"


@register_setting(icon="view")
class InsightsSettings(CachedPerSite, BaseSiteSetting):
    """Whether the site counts visits at all (on by default)."""

    counting_enabled = models.BooleanField(
        _("compter les visites"),
        default=True,
        help_text=_(
            "Des totaux par page et par jour, sans cookie ni donnée personnelle. Décoché, "
            "les pages n'envoient plus rien et plus rien n'est compté."
        ),
    )

    panels = [FieldPanel("counting_enabled")]

    class Meta:
        verbose_name = _("fréquentation")

    # Every public page and every beacon reads it; cached per site, dropped when saved
    # (insights.apps).
    CACHE_KEY = "vitrine:insights-settings:{site_id}"

    @classmethod
    def for_site_id(cls, site_id):
        """The setting of the site with this id (the beacon knows only the id), from
        the same cache entry as for_site()."""
        return cached(
            cls.cache_key(site_id),
            lambda: cls.base_queryset().get_or_create(site_id=site_id)[0],
        )
