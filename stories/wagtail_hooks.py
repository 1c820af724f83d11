"""What stories add to the floors below them: the home page's stories
(home.extension_points) and a shop page's "Ils en parlent"
(directory.extension_points)."""

from wagtail import hooks

from directory.extension_points import SHOP_PAGE_PANELS
from home.extension_points import HOME_PAGE_PANELS
from stories import page_context

hooks.register(HOME_PAGE_PANELS, page_context.home_page_panel, order=30)
hooks.register(SHOP_PAGE_PANELS, page_context.shop_page_panel)
