"""The official address register of the city: one point per address, loaded by the city
from the BeSt Address extract (`manage.py load_addresses`, directory.address_file) and
read by the shop form to place a shop from its street and number
(directory.address_register). Reference data: nobody edits it in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AddressPoint(models.Model):
    """An address of the register and its point (WGS 84). The `*_key` columns hold the
    names as directory.address_register.street_key and locality_key write them (lower
    case, no accents, abbreviations expanded), which is how a typed address is looked up."""

    street = models.CharField(_("rue"), max_length=200)
    street_key = models.CharField(max_length=200)
    # The street's name in the register's other language, when it has one (Brussels'
    # "Wetstraat" for "Rue de la Loi"): a merchant may type either.
    other_street_key = models.CharField(max_length=200, blank=True)
    house_number = models.CharField(_("numéro"), max_length=20)
    # The house number as directory.address_register.number_key writes it ("12a"), and
    # its leading figures, by which the nearest number of a street is found.
    number_key = models.CharField(max_length=20)
    number = models.PositiveIntegerField(null=True)
    box = models.CharField(_("boîte"), max_length=40, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10)
    municipality = models.CharField(_("commune"), max_length=100)
    municipality_key = models.CharField(max_length=100)
    # The postal locality ("Jambes" in the municipality of Namur), normalised.
    postname_key = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("adresse du registre")
        verbose_name_plural = _("adresses du registre")
        indexes = [
            # A typed address: its street within its postcode (every lookup starts here),
            # in either language.
            models.Index(fields=["postcode", "street_key"], name="address_postcode_street"),
            models.Index(fields=["postcode", "other_street_key"], name="address_postcode_other"),
            # A typed address without a known postcode: its street within its locality.
            models.Index(
                fields=["municipality_key", "street_key"], name="address_municipality_street"
            ),
            models.Index(fields=["postname_key", "street_key"], name="address_postname_street"),
        ]

    def __str__(self):
        number = f"{self.house_number} bte {self.box}" if self.box else self.house_number
        return f"{self.street} {number}, {self.postcode} {self.municipality}"

    @property
    def point(self):
        return (self.latitude, self.longitude)
