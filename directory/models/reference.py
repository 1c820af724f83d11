"""Reference data staff manage in the "Annuaire" menu: categories, districts, services,
and the words residents use for categories, services and tags (directory.search_terms)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from directory.search_terms import SearchTermsField


class SchemaType(models.TextChoices):
    """The schema.org type a category's shops are published as (JSON-LD)."""

    LOCAL_BUSINESS = "LocalBusiness", "LocalBusiness"
    STORE = "Store", "Store"
    BAKERY = "Bakery", "Bakery"
    BOOK_STORE = "BookStore", "BookStore"
    BIKE_STORE = "BikeStore", "BikeStore"
    BUTCHER_SHOP = "ButcherShop", "ButcherShop"
    CAFE = "CafeOrCoffeeShop", "CafeOrCoffeeShop"
    CLOTHING_STORE = "ClothingStore", "ClothingStore"
    FLORIST = "Florist", "Florist"
    GROCERY_STORE = "GroceryStore", "GroceryStore"
    HAIR_SALON = "HairSalon", "HairSalon"
    HARDWARE_STORE = "HardwareStore", "HardwareStore"
    JEWELRY_STORE = "JewelryStore", "JewelryStore"
    LIQUOR_STORE = "LiquorStore", "LiquorStore"
    OPTICIAN = "Optician", "Optician"
    PHARMACY = "Pharmacy", "Pharmacy"
    RESTAURANT = "Restaurant", "Restaurant"
    SHOE_STORE = "ShoeStore", "ShoeStore"
    TOY_STORE = "ToyStore", "ToyStore"


class Category(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    schema_type = models.CharField(
        _("type schema.org"),
        max_length=40,
        choices=SchemaType.choices,
        default=SchemaType.LOCAL_BUSINESS,
        help_text=_("Le type sous lequel les moteurs de recherche présentent ces commerces."),
    )
    search_terms = SearchTermsField(_("mots des habitants"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("schema_type"),
        FieldPanel("search_terms"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")

    def __str__(self):
        return self.name


class District(index.Indexed, models.Model):
    """A part of town. Its centre lets a resident without geolocation sort by distance."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    latitude = models.FloatField(_("latitude du centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude du centre"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("quartier")
        verbose_name_plural = _("quartiers")

    def __str__(self):
        return self.name

    @property
    def centre(self):
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


class Service(models.Model):
    """Something a shop offers besides its goods: delivery, wheelchair access..."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    search_terms = SearchTermsField(_("mots des habitants"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("search_terms")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class TagSearchTerms(models.Model):
    """The words residents use for one of the shops' keywords (taggit's tags, which have
    no field of their own for them): "occasion, vintage" for "seconde main"."""

    tag = models.OneToOneField(
        "taggit.Tag",
        verbose_name=_("mot-clé"),
        on_delete=models.CASCADE,
        related_name="directory_search_terms",
    )
    search_terms = SearchTermsField(
        _("mots des habitants"),
        help_text=_(
            "Les mots que les habitants tapent pour trouver les commerces qui ont ce "
            "mot-clé, séparés par des virgules (p. ex. occasion, vintage pour « seconde "
            "main »). La recherche les trouve avec ou sans accents ni majuscules."
        ),
    )

    panels = [FieldPanel("tag"), FieldPanel("search_terms")]

    class Meta:
        ordering = ["tag__name"]
        verbose_name = _("synonymes d'un mot-clé")
        verbose_name_plural = _("synonymes des mots-clés")

    def __str__(self):
        return self.tag.name
