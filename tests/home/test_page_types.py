"""Where each page type may live: the tree is the site's information architecture."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import DirectoryPage, OperationsPage
from home.models import HomePage, StandardPage
from offers.models import OffersPage
from stories.models import StoriesPage
from tests.factories import HomePageFactory


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_sections_and_text_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage, {DirectoryPage, OperationsPage, OffersPage, StoriesPage, StandardPage}
        )

    def test_sections_live_directly_under_the_home_page(self):
        for section in (DirectoryPage, OffersPage, StoriesPage):
            with self.subTest(section=section.__name__):
                self.assertAllowedParentPageTypes(section, {HomePage})

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_each_section_can_be_created_once_per_site(self):
        home = HomePageFactory()
        for section in (DirectoryPage, OffersPage, StoriesPage):
            with self.subTest(section=section.__name__):
                self.assertCanCreateAt(HomePage, section)
                home.add_child(
                    instance=section(title=section.__name__, slug=section.__name__.lower())
                )
                self.assertFalse(section.can_create_at(home))

    def test_a_second_home_page_cannot_be_created(self):
        HomePageFactory()
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_text_pages_cannot_go_inside_a_section(self):
        self.assertCanNotCreateAt(DirectoryPage, StandardPage)
        self.assertCanNotCreateAt(OffersPage, StandardPage)
        self.assertCanNotCreateAt(StoriesPage, StandardPage)
