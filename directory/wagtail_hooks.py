"""The "Annuaire" admin menu: the reference data staff manage for the directory."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.models import Category, District, Service


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Catégories")
    list_display = ["name", "slug", "schema_type"]
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
    list_display = ["name", "slug"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, DistrictViewSet, ServiceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Annuaire")
    menu_name = "annuaire"


register_snippet(DirectoryViewSetGroup)
