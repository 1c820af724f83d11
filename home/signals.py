"""Keep the cached navigation and settings in step with the page tree."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import SiteSettings
from home.navigation import forget_navigation


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_navigation, dispatch_uid=f"forget_navigation_{id(signal)}")
    post_delete.connect(forget_navigation, sender=Page, dispatch_uid="forget_navigation_delete")
    post_save.connect(forget_navigation, sender=Site, dispatch_uid="forget_navigation_site")
    for signal in (post_save, post_delete):
        signal.connect(
            forget_site_settings, sender=SiteSettings, dispatch_uid=f"forget_settings_{id(signal)}"
        )


def forget_site_settings(sender, instance, **kwargs):
    cache.delete(SiteSettings.CACHE_KEY.format(site_id=instance.site_id))
