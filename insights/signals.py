"""Keep the cached counting setting and page lookups in step with the admin."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.shop_cache import forget_shop_pages
from insights.models import InsightsSettings


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            forget_settings, sender=InsightsSettings, dispatch_uid=f"insights_settings_{id(signal)}"
        )
        # Whether the counting script is included is part of every rendered shop page
        # the directory keeps (directory.shop_cache).
        signal.connect(
            forget_shop_pages,
            sender=InsightsSettings,
            dispatch_uid=f"insights_settings_shop_pages_{id(signal)}",
        )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_page, dispatch_uid=f"insights_forget_page_{id(signal)}")


def forget_settings(sender, instance, **kwargs):
    cache.delete(InsightsSettings.CACHE_KEY.format(site_id=instance.site_id))


def forget_page(sender, instance, **kwargs):
    from insights.counting import forget_page_lookups

    forget_page_lookups(instance)
