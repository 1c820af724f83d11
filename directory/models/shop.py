"""ShopPage: one shop of the directory, a child of the DirectoryPage."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.admin_panels import (
    STAFF_ONLY,
    LabelledInlinePanel,
    StaffSchedulingPanel,
    staff_promote_panels,
)
from core.images import optional_image
from core.pages import SitePage
from core.text import with_stems
from directory.extension_points import shop_permission_tester
from directory.forms import ShopPageForm
from directory.models.opening_hours import HolidayRule
from directory.panels import ShopPointPanel
from directory.routing import route_to_child


def _merchant_field(name):
    """A field of the merchant's hours editor (directory.forms.ShopPageForm): not a
    field of the page, so a comment could be anchored to nothing the page keeps."""
    return FieldPanel(name, disable_comments=True)


class StaffInlinePanel(InlinePanel):
    """Wagtail's inline rows, for the forms that have them: a merchant's shop form has
    no weekly rows (they edit the week in their own words, directory.forms), so the
    panel is not shown to them."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            self.has_formset = form is None or kwargs["panel"].relation_name in form.formsets
            if self.has_formset:
                super().__init__(**kwargs)
            else:
                Panel.BoundPanel.__init__(self, **kwargs)

        def is_shown(self):
            return self.has_formset and super().is_shown()


class ShopTag(TaggedItemBase):
    content_object = ParentalKey(
        "directory.ShopPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ShopPhoto(Orderable):
    shop = ParentalKey("directory.ShopPage", on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=200,
        help_text=_(
            "Ce que montre la photo, pour qui ne la voit pas (p. ex. « La vitrine de Noël »)."
        ),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


def name_words_of(title):
    """The words and stems of a shop's name as the search indexes them (its
    `search_name`), each between spaces: " boulangerie du beffroi boulanger "."""
    return f" {with_stems(title)} "


class NameWordsField(models.TextField):
    """A shop's `name_words_of(title)`, worked out whenever its row is written (a save,
    a publication, a bulk insert: each calls `pre_save`), so that the relevance sort
    tests the query's words against the name in SQL (directory.search)."""

    def pre_save(self, model_instance, add):
        value = name_words_of(model_instance.title)
        setattr(model_instance, self.attname, value)
        return value


class ShopPage(SitePage, Page):
    """Everything a resident needs to walk into the shop."""

    short_description = models.CharField(
        _("description courte"),
        max_length=160,
        help_text=_(
            "Une phrase (160 caractères au plus), reprise dans les résultats de recherche."
        ),
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    logo = optional_image(_("logo"))
    # Nullable so that a draft can be saved before it is known; required to publish.
    category = models.ForeignKey(
        "directory.Category",
        verbose_name=_("catégorie"),
        null=True,
        on_delete=models.PROTECT,
        related_name="shops",
    )
    tags = ClusterTaggableManager(through=ShopTag, blank=True, verbose_name=_("mots-clés"))
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("quartier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shops",
    )
    street = models.CharField(_("rue et numéro"), max_length=120, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    locality = models.CharField(_("localité"), max_length=80, blank=True)
    latitude = models.FloatField(_("latitude"), null=True)
    longitude = models.FloatField(_("longitude"), null=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    online_shop_url = models.URLField(_("boutique en ligne"), blank=True)
    booking_url = models.URLField(_("réservation en ligne"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    instagram_url = models.URLField(_("compte Instagram"), blank=True)
    services = ParentalManyToManyField(
        "directory.Service", verbose_name=_("services"), blank=True, related_name="shops"
    )
    reference = models.CharField(
        _("référence"),
        max_length=60,
        blank=True,
        db_index=True,
        help_text=_(
            "Identifiant stable du commerce dans la liste de la ville (colonne « reference » "
            "de l'import CSV)."
        ),
    )
    # schema.org's priceRange, for search engines: the city's word, set by staff.
    price_range = models.CharField(
        _("gamme de prix"),
        max_length=20,
        blank=True,
        help_text=_(
            "Pour les moteurs de recherche : « € », « €€ », « €€€ » ou une fourchette "
            "(« 10–30 € »). Laissez vide si vous ne savez pas."
        ),
    )
    # Not edited: the title's words, for the search's relevance sort.
    name_words = NameWordsField(editable=False, default="")
    hours_confirmed_on = models.DateField(
        _("horaires vérifiés le"),
        null=True,
        blank=True,
        help_text=_("La date à laquelle une personne a confirmé ces horaires."),
    )
    # Most Belgian shops close on public holidays: a new shop does too until told not to.
    public_holidays = models.CharField(
        _("jours fériés"),
        max_length=8,
        choices=HolidayRule.choices,
        default=HolidayRule.CLOSED,
        help_text=_(
            "Ce que fait le commerce les jours fériés légaux (Noël, lundi de Pâques…), sauf "
            "horaire exceptionnel ce jour-là. Pour des horaires propres, ajoutez aux horaires "
            "de la semaine une ou deux lignes au jour « jours fériés »."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        FieldPanel("category"),
        FieldPanel("district"),
        FieldPanel("description"),
        FieldPanel("logo"),
        LabelledInlinePanel(
            "photos", heading=_("Photos"), label=_("photo"), add_label=_("Ajouter une photo")
        ),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
    ]
    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "street",
                    help_text=_(
                        "P. ex. « Rue de la Station 12 » : le commerce est placé sur la carte "
                        "d'après le registre des adresses de la ville."
                    ),
                ),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("locality")]),
                ShopPointPanel(),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("online_shop_url"),
                FieldPanel("booking_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Contact"),
        ),
    ]
    # A shop's slug (its public address, printed on flyers), its search engines' texts
    # and price range, and its reference (its key in the city's CSV) are the city's:
    # staff see and change them, merchants do not (core.admin_panels).
    promote_panels = staff_promote_panels(FieldPanel("price_range", permission=STAFF_ONLY))
    settings_panels = [
        StaffSchedulingPanel(),
        *Page.settings_panels[1:],  # Wagtail's own scheduling panel is replaced above
        FieldPanel("reference", permission=STAFF_ONLY),
    ]
    # Staff get the inline rows; merchants the week in their own words (the fields of
    # directory.forms.ShopPageForm that only their form has). Each panel shows only
    # when the form has its fields.
    hours_panels = [
        _merchant_field("week_hours"),
        MultiFieldPanel(
            [FieldRowPanel([_merchant_field("lunch_start"), _merchant_field("lunch_end")])],
            heading=_("Pause de midi"),
        ),
        _merchant_field("hours_line"),
        StaffInlinePanel("opening_hours", label=_("Horaires de la semaine")),
        FieldPanel("public_holidays", widget=forms.RadioSelect),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        _merchant_field("closure_start"),
                        _merchant_field("closure_end"),
                    ]
                ),
                _merchant_field("closure_label"),
            ],
            heading=_("Congés"),
        ),
        InlinePanel("special_hours", label=_("Horaires exceptionnels")),
        FieldPanel("hours_confirmed_on"),
        _merchant_field("hours_confirmed"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Commerce")),
            ObjectList(location_panels, heading=_("Adresse et contact")),
            ObjectList(hours_panels, heading=_("Horaires")),
            ObjectList(promote_panels, heading=_("Référencement")),
            ObjectList(settings_panels, heading=_("Réglages")),
        ]
    )

    # Searched text is normalised (lower case, accents removed) and followed by its French
    # stems before it is indexed, and the query is read the same way (directory.search_words):
    # "epicerie" finds "Épicerie" and "pain" finds "Pains" on every search backend alike.
    search_fields = Page.search_fields + [
        index.SearchField("search_name", boost=5),
        index.AutocompleteField("search_name"),
        index.SearchField("search_text"),
        index.AutocompleteField("search_text"),
        index.SearchField("search_synonyms"),
        index.AutocompleteField("search_synonyms"),
        index.FilterField("category"),
        index.FilterField("district"),
        index.FilterField("latitude"),
        index.FilterField("longitude"),
    ]

    parent_page_types = ["directory.DirectoryPage"]
    subpage_types = ["offers.OfferPage"]
    # Merchants edit it: its logo and photos accept only images they may choose, and its
    # holiday rule must agree with its "jours fériés" rows.
    base_form_class = ShopPageForm

    class Meta:
        verbose_name = _("commerce")
        verbose_name_plural = _("commerces")
        # A search by category (directory.search) reads every shop of it for the facet
        # counts and the distance: on PostgreSQL, from this index alone, where the
        # category's index led to its rows, one table page each (a category of 10,000
        # shops read the whole table, from disk when it is not all in memory). SQLite
        # has no included columns: there, an index on the category and the district.
        indexes = [
            models.Index(
                fields=["category", "district"],
                include=["page_ptr", "latitude", "longitude"],
                name="directory_shop_category_cover",
            ),
        ]

    def __str__(self):
        return self.title

    def permissions_for_user(self, user):
        """Merchants edit their shop but do not delete, move or unpublish it: the rule
        the merchants' app gives (extension_points.SHOP_PERMISSION_TESTER)."""
        return shop_permission_tester(user, self) or super().permissions_for_user(user)

    def clean(self):
        super().clean()
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("Une latitude est comprise entre -90 et 90.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("Une longitude est comprise entre -180 et 180.")
        if errors:
            raise ValidationError(errors)

    @property
    def search_name(self):
        return with_stems(self.title)

    @property
    def label_names(self):
        """The names residents know the shop by besides its own: its category's, tags'
        and services' (with their synonyms, `search_synonyms`, a search ranks a match
        on them after a match on the name)."""
        return [
            self.category.name if self.category else "",
            *(tag.name for tag in self.tags.all()),
            *(service.name for service in self.services.all()),
        ]

    @property
    def search_text(self):
        parts = [
            *self.label_names,
            self.short_description,
            self.description,
            self.district.name if self.district else "",
            self.street,
            self.locality,
        ]
        return with_stems(" ".join(part for part in parts if part))

    @property
    def search_synonyms(self):
        """The words residents use for the shop's category, services and tags, which
        staff edit (directory.synonyms): "coiffeur" finds a shop of "Coiffure"."""
        from directory.synonyms import shop_search_terms

        return with_stems(" ".join(shop_search_terms(self)))

    @property
    def location(self):
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @cached_property
    def joined_days(self):
        """The opening days of the city's operations this shop joined
        (directory.opening_days.JoinedDay rows), all of them, read when first asked
        (one query); listings give them to their shops at once with
        `opening_days.attach_joined_days`."""
        from directory.opening_days import joined_days_of_shops

        if self.pk is None:
            return ()
        return joined_days_of_shops([self.pk]).get(self.pk, ())

    @cached_property
    def address_line(self):
        town = " ".join(part for part in (self.postcode, self.locality) if part)
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def meta_description(self):
        return self.search_description or self.short_description

    def route(self, request, path_components):
        if path_components:
            return route_to_child(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from directory import page_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context.update(
            page_context.shop_page_context(self, request, timezone.now(), preview=preview)
        )
        return context
