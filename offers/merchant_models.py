"""Merchant accounts: which group and image collection belong to which shop, each
merchant's reminder preferences, and the reminders already sent."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection

__all__ = ["MerchantProfile", "ReminderSent", "ShopAccess"]


class ShopAccess(models.Model):
    """The group whose members manage one shop, and the shop's image collection.

    Membership of the group *is* the merchant's access: withdrawing access removes the
    user from it, and Wagtail's page and collection permissions hang on the group."""

    shop = models.OneToOneField(
        "directory.ShopPage",
        verbose_name=_("commerce"),
        on_delete=models.CASCADE,
        related_name="merchant_access",
    )
    group = models.OneToOneField(
        Group, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="shop_access"
    )
    collection = models.ForeignKey(
        Collection, verbose_name=_("collection d'images"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("accès d'un commerce")
        verbose_name_plural = _("accès des commerces")
        permissions = [("manage_merchants", _("Peut gérer les accès des commerçants"))]

    def __str__(self):
        return str(self.group)


class MerchantProfile(models.Model):
    """What a merchant chose about the site's emails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="merchant_profile",
    )
    reminders_opt_out = models.BooleanField(_("ne plus recevoir de rappels"), default=False)

    class Meta:
        verbose_name = _("profil de commerçant")
        verbose_name_plural = _("profils de commerçants")

    def __str__(self):
        return str(self.user)


class ReminderSent(models.Model):
    """One reminder email, so that nobody gets two within a week."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="merchant_reminders",
    )
    sent_at = models.DateTimeField(_("envoyé le"), db_index=True)

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")

    def __str__(self):
        return f"{self.user} {self.sent_at:%Y-%m-%d}"


@receiver(post_save, sender="home.SiteSettings")
def apply_moderation_setting(sender, instance, **kwargs):
    """Turning moderation on or off changes merchants' publish permission at once."""
    from offers.merchants import set_moderation

    set_moderation(instance.moderation_enabled)
