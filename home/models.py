"""The site's root page, its plain content pages and the settings staff edit once per site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from core import compat
from core.admin_forms import VitrinePageForm
from core.caching import CachedPerSite
from core.images import optional_image
from core.pages import SitePage
from home.navigation import section_pages_for

# Headings start at h2 because the page title is the only h1.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class SectionIndexPage(SitePage, Page):
    """A top-level section of the site (directory, offers, stories): a title, a short
    introduction, and the section's own listing, which each subclass provides."""

    base_form_class = VitrinePageForm

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Une ou deux phrases affichées sous le titre."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    @classmethod
    def for_site(cls, site):
        """The live page of this type on `site`, or None when the site has none."""
        if site is None:
            return None
        return cls.objects.live().descendant_of(site.root_page, inclusive=True).first()


class HomePage(SitePage, Page):
    """The city's front page: what Vitrine is, a search box, and what is new."""

    base_form_class = VitrinePageForm

    hero_heading = models.CharField(
        _("accroche"),
        max_length=120,
        help_text=_("La grande phrase en haut de la page d'accueil."),
    )
    hero_text = models.TextField(
        _("texte d'introduction"),
        max_length=400,
        blank=True,
    )
    hero_image = optional_image(
        _("image d'en-tête"),
        help_text=_("Image décorative, au format paysage (au moins 1600 pixels de large)."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("En-tête"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "directory.DirectoryPage",
        "directory.OperationsPage",
        "offers.OffersPage",
        "stories.StoriesPage",
        "home.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def route(self, request, path_components):
        """Every page below the home page is reached through one of its children (the
        sections and text pages), which the cache keeps as their own types
        (home.navigation.section_pages_for): no query. A child not there (not live, not
        public, or this is not the site's root page) is left to Wagtail's way."""
        if path_components:
            child = self._section(request, path_components[0])
            if child is not None:
                compat.remember_parent(child, self)
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _section(self, request, slug):
        site = Site.find_for_request(request)
        if site is None or site.root_page_id != self.pk:
            return None
        return next((page for page in section_pages_for(site) if page.slug == slug), None)

    def get_context(self, request, *args, **kwargs):
        from home.page_context import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(self, request))
        return context


class StandardPage(SitePage, Page):
    """A page of text: about the project, how merchants join, privacy."""

    base_form_class = VitrinePageForm

    intro = models.TextField(_("chapeau"), max_length=300, blank=True)
    body = RichTextField(_("contenu"), features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


@register_setting(icon="site")
class SiteSettings(CachedPerSite, BaseSiteSetting):
    """What staff set once for the whole site: the city, how to reach it, the map."""

    city_name = models.CharField(_("nom de la ville"), max_length=80)
    logo = optional_image(_("logo"))
    contact_address = models.TextField(_("adresse"), max_length=300, blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("adresse e-mail"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    instagram_url = models.URLField(_("compte Instagram"), blank=True)
    map_tile_url = models.CharField(
        _("adresse des tuiles de carte"),
        max_length=255,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("Modèle d'URL avec {z}, {x} et {y}, p. ex. celui d'un serveur de tuiles."),
    )
    map_attribution = models.CharField(
        _("attribution de la carte"),
        max_length=255,
        default="© les contributeurs d'OpenStreetMap",
    )

    open_data_licence = models.CharField(
        _("licence des données ouvertes"),
        max_length=120,
        default="Creative Commons Attribution 4.0 International (CC BY 4.0)",
        help_text=_("La licence sous laquelle la liste des commerces est publiée."),
    )
    open_data_licence_url = models.URLField(
        _("adresse de la licence"),
        blank=True,
        default="https://creativecommons.org/licenses/by/4.0/deed.fr",
    )
    moderation_enabled = models.BooleanField(
        _("valider les changements des commerçants"),
        default=False,
        help_text=_(
            "Les offres et fiches modifiées par un commerçant attendent la validation de "
            "l'équipe avant d'être publiées."
        ),
    )

    select_related = ["logo"]

    panels = [
        MultiFieldPanel([FieldPanel("city_name"), FieldPanel("logo")], heading=_("Ville")),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url")],
            heading=_("Réseaux sociaux"),
        ),
        MultiFieldPanel(
            [FieldPanel("map_tile_url"), FieldPanel("map_attribution")],
            heading=_("Carte"),
        ),
        MultiFieldPanel(
            [FieldPanel("open_data_licence"), FieldPanel("open_data_licence_url")],
            heading=_("Données ouvertes"),
        ),
        MultiFieldPanel([FieldPanel("moderation_enabled")], heading=_("Commerçants")),
    ]

    class Meta:
        verbose_name = _("réglages du site")

    # Every public page reads these settings; they change rarely, so they are cached per
    # site and dropped when saved (home.apps).
    CACHE_KEY = "vitrine:site-settings:{site_id}"
