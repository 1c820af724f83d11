"""The "Annuaire" admin menu (the reference data staff manage for the directory), and
what the directory adds to the floor below it (home.extension_points)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory import operation_pages
from directory.admin_views import address_lookup
from directory.choices import directory_choices
from directory.models import (
    Category,
    DirectoryPage,
    District,
    OperationPage,
    OperationParticipation,
    Service,
    TagSearchTerms,
)
from home.extension_points import HOME_PAGE_PANELS, SITE_SEARCH_PAGE, Panel
from home.navigation import search_url


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Catégories")
    list_display = ["name", "slug", "schema_type", "search_terms"]
    search_fields = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Quartiers")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    list_display = ["name", "slug", "search_terms"]
    search_fields = ["name"]


class TagSearchTermsViewSet(SnippetViewSet):
    """The words residents use for the shops' keywords. Staff only: the snippet's
    permissions are given to the staff group (offers' migrations), and merchants reach
    no snippet view (offers.admin_access)."""

    model = TagSearchTerms
    icon = "tag"
    menu_label = _("Synonymes des mots-clés")
    list_display = ["tag", "search_terms"]
    ordering = ["tag__name"]


class ParticipationViewSet(SnippetViewSet):
    """The shops taking part in the city's operations: staff add or remove any shop, at
    any time (merchants join from their dashboard while joining is open). Staff only:
    the permissions are given to the staff group (offers' migrations), and merchants
    reach no snippet view (offers.admin_access). A participation is not part of its
    operation page's revisions, so publishing the page again keeps it."""

    model = OperationParticipation
    icon = "group"
    menu_label = _("Participations aux opérations")
    list_display = ["shop", "operation", "opens", "closes", "joined_at"]
    list_filter = ["operation"]
    form_fields = ["operation", "shop", "opens", "closes"]
    ordering = ["operation__title", "shop__title"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        CategoryViewSet,
        DistrictViewSet,
        ServiceViewSet,
        TagSearchTermsViewSet,
        ParticipationViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Annuaire")
    menu_name = "annuaire"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_admin_urls")
def directory_admin_urls():
    """The shop editor's address lookup (directory.admin_views)."""
    return [path("annuaire/adresse/", address_lookup, name="directory_address_lookup")]


@hooks.register("register_page_listing_more_buttons")
def operation_participations_button(page, user, next_url=None, **kwargs):
    """From an operation in the page explorer to the shops taking part in it."""
    if page.specific_class is OperationPage and user.has_perm(
        "directory.view_operationparticipation"
    ):
        yield Button(
            _("Commerces participants"),
            reverse("wagtailsnippets_directory_operationparticipation:list")
            + f"?operation={page.pk}",
            icon_name="group",
            priority=70,
        )


# --- What the directory adds to the home page (home.extension_points)


@hooks.register(HOME_PAGE_PANELS, order=10)
def home_page_categories(request, page, sections):
    """The home page's "Par catégorie": a link into the directory per category."""
    return Panel(
        "directory/components/home_categories.html",
        {
            "categories": directory_choices().categories,
            "directory_url": search_url(request),
        },
    )


@hooks.register(SITE_SEARCH_PAGE)
def site_search_page():
    return DirectoryPage


@hooks.register(HOME_PAGE_PANELS, order=5)
def home_page_operations(request, page, sections):
    """The home page's next opening day and « Qui est ouvert dimanche ? »."""
    return operation_pages.home_page_panel(request, page, sections)
