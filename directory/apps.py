from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire des commerces")

    def ready(self):
        from django.db.models.signals import post_migrate
        from taggit.models import Tag
        from wagtail.images import get_image_model
        from wagtail.models import PageViewRestriction, Site

        from core import caching
        from directory import (
            choices,
            search,
            search_index,
            search_vocabulary,
            shop_cache,
            signals,
        )
        from directory import purges as directory_purges
        from directory.models import (
            Category,
            District,
            OpeningHours,
            OperationDay,
            OperationParticipation,
            Service,
            ShopPage,
            ShopPhoto,
            ShopTag,
            SpecialHours,
            TagSearchTerms,
        )
        from home.models import SiteSettings

        caching.register(
            choices.CACHE_ENTRY, choices.forget_choices, models=(Category, District, Service)
        )

        # What a shop page and a directory card show (directory.shop_cache): the shop and
        # its rows, the opening days it joined (a participation, an operation's days;
        # the operation page itself is a page change), its neighbours (any shop page
        # published, moved...), the reference data, its pictures, whatever a view
        # restriction hides (a story or an offer made private), the site and its
        # settings (name, map tiles).
        image = get_image_model()
        caching.register(
            shop_cache.SHOP_PAGES,
            shop_cache.forget_shop_pages,
            models=(
                ShopPage,
                OpeningHours,
                SpecialHours,
                OperationParticipation,
                OperationDay,
                ShopPhoto,
                Category,
                District,
                Service,
                image,
                PageViewRestriction,
                Site,
                SiteSettings,
            ),
            pages=caching.PAGE_CHANGES,
        )
        # A new rendition concerns only the snapshots of the shops showing its picture;
        # one removed may have been the file a kept page shows.
        rendition = image.get_rendition_model()
        caching.register(
            shop_cache.SHOP_PAGES,
            shop_cache.forget_snapshots_showing,
            models=(rendition,),
            rows=(caching.SAVED,),
        )
        caching.register(
            shop_cache.SHOP_PAGES,
            shop_cache.forget_shop_pages,
            models=(rendition,),
            rows=(caching.DELETED,),
        )

        # What the search's vocabulary holds (directory.search_vocabulary): the live shops'
        # indexed words and labels, and the current offers' words (any page published,
        # unpublished, moved or deleted), and the words residents use (synonyms).
        caching.register(
            search_vocabulary.ENTRY,
            search_vocabulary.invalidate,
            models=(ShopPage, ShopTag, Category, District, Service, Tag, TagSearchTerms),
            pages=caching.PAGE_CHANGES,
        )

        # The whole directory's counts per category and district (directory.search):
        # which shops are live and public, and their category and district.
        caching.register(
            search.DIRECTORY_COUNTS,
            search.forget_directory_counts,
            models=(ShopPage, Category, District, PageViewRestriction),
            pages=caching.PAGE_CHANGES,
        )

        # The town's next opening or closing ("open now", directory.search).
        caching.register(
            search.TOWN_HOURS,
            search.forget_town_hours,
            models=(OpeningHours, SpecialHours, OperationDay, OperationParticipation),
            pages=caching.PAGE_CHANGES,
        )

        signals.connect()
        directory_purges.connect()
        post_migrate.connect(search_index.analyse_search_index, sender=self)
