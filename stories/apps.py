from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Histoires")

    def ready(self):
        from core import caching
        from directory.shop_cache import SHOP_PAGES, forget_shop_pages
        from stories import purges, signals
        from stories.models import StoryFeaturedShop

        # "Ils en parlent" on a kept shop page: the stories that feature the shop.
        caching.register(SHOP_PAGES, forget_shop_pages, models=(StoryFeaturedShop,))
        signals.connect()
        # The front cache: a story's or campaign's publication changes the lists of
        # stories, and the pages of the shops it names ("Ils en parlent").
        purges.connect()
