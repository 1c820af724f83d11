"""Each private API the site relies on (core.compat), pinned: these fail when an
upgrade of Wagtail, Django, treebeard or modelsearch changes the behaviour relied on."""

import pytest
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.views.decorators.csp import csp_override
from modelsearch.query import MatchAll
from wagtail.models import Page, ReferenceIndex, Site

from core import compat
from directory.models import ShopPage
from tests.factories import HomePageFactory, ImageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


def test_wagtail_finds_the_site_through_the_function_given(rf, monkeypatch):
    monkeypatch.setattr(Site, "_find_for_request", Site._find_for_request)
    compat.find_site_for_request_with(lambda request: "the site")
    assert Site.find_for_request(rf.get("/")) == "the site"


def test_raw_host_is_the_host_header_unchecked(rf, settings):
    settings.ALLOWED_HOSTS = ["commerces.example.be"]
    request = rf.get("/", HTTP_HOST="ailleurs.example:8000")
    with pytest.raises(DisallowedHost):
        request.get_host()
    assert compat.raw_host(request) == "ailleurs.example:8000"


def test_response_csp_reads_what_csp_override_set(rf):
    view = csp_override({"img-src": ["'self'"]})(lambda request: HttpResponse())
    assert compat.response_csp(view(rf.get("/")), "default") == {"img-src": ["'self'"]}
    assert compat.response_csp(HttpResponse(), "default") == "default"


def test_the_csp_middleware_writes_the_policy_set(rf, settings):
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    settings.SECURE_CSP = {"default-src": ["'self'"]}
    response = HttpResponse()
    compat.set_response_csp(response, {"img-src": ["https://tile.example.org"]})
    middleware = ContentSecurityPolicyMiddleware(lambda request: response)
    written = middleware(rf.get("/"))
    assert written["Content-Security-Policy"] == "img-src https://tile.example.org"


def test_a_remembered_parent_is_the_parent_without_a_query():
    home = HomePageFactory()
    shop = Page.objects.get(pk=ShopPageFactory().pk)
    compat.remember_parent(shop, home)
    with CaptureQueriesContext(connection) as queries:
        assert shop.get_parent() is home
    assert len(queries) == 0


def test_relations_held_in_memory_are_read_without_a_query():
    HomePageFactory()
    saved = ShopPageFactory(services=[], tags=["bio"])
    shop = ShopPage(title="Neuve", services=list(saved.services.all()), tagged_items=[])
    shop.pk = saved.pk
    assert compat.holds_in_memory(shop, "services", "tagged_items")
    with CaptureQueriesContext(connection) as queries:
        assert (list(shop.services.all()), list(shop.tags.all())) == ([], [])
    assert len(queries) == 0
    reread = ShopPage.objects.get(pk=saved.pk)
    assert not compat.holds_in_memory(reread, "services", "tagged_items")
    assert [tag.name for tag in reread.tags.all()] == ["bio"]


def test_slug_check_is_wagtails_and_can_be_answered_for_a_page():
    home = HomePageFactory()
    ShopPageFactory(parent=home, slug="dupont")
    assert not compat.slug_is_available("dupont", home)
    assert compat.slug_is_available("martin", home)
    page = Page(title="Dupont", slug="dupont")
    compat.remember_parent(page, home)
    asked = []
    compat.check_slugs_with(page, lambda slug, parent_page, page=None: asked.append(slug) or True)
    try:
        page.full_clean(exclude=["path", "depth"], validate_unique=False)
    finally:
        compat.check_slugs_as_wagtail(page)
    assert asked == ["dupont"]
    assert "_slug_is_available" not in vars(page)


def test_page_references_and_hash_are_what_the_reference_index_records():
    shop = ShopPageFactory(logo=None)
    ReferenceIndex.create_or_update_for_object(shop)
    recorded = set(
        ReferenceIndex.get_references_for_object(shop).values_list(
            "to_content_type_id", "to_object_id", "model_path", "content_path", "content_path_hash"
        )
    )
    computed = {
        (*reference, compat.content_path_hash(reference[3]))
        for reference in compat.page_references(shop)
    }
    assert {row[:4] for row in recorded} == {row[:4] for row in computed}
    assert recorded == {(*row[:4], row[4]) for row in computed}


def test_the_search_save_handler_is_connected_to_post_save():
    # What bulk_pages.search_index_deferred disconnects for shops, and connects again.
    handler = compat.search_index_save_handler()
    try:
        assert post_save.disconnect(handler, sender=ShopPage)
    finally:
        post_save.connect(handler, sender=ShopPage)


def test_search_in_sql_matches_what_wagtail_finds():
    HomePageFactory()
    dupont = ShopPageFactory(title="Boulangerie Dupont")
    ShopPageFactory(title="Fleuriste Martin")
    results = ShopPage.objects.autocomplete("boul", operator="and", order_by_relevance=False)
    if compat.is_postgres_search(results):
        from wagtail.search.models import IndexEntry

        matched = IndexEntry.objects.filter(
            content_type_id__in=compat.indexed_content_type_ids(ShopPage),
            autocomplete=compat.postgres_search_tsquery(results),
        ).values_list("object_id", flat=True)
        found = {int(pk) for pk in matched}
    else:
        found = set(compat.search_results_queryset(results).values_list("pk", flat=True))
    assert found == {shop.pk for shop in results} == {dupont.pk}


def test_sqlite_index_matches_are_the_entries_wagtail_filters_by():
    HomePageFactory()
    dupont = ShopPageFactory(title="Boulangerie Dupont")
    ShopPageFactory(title="Fleuriste Martin")
    results = ShopPage.objects.autocomplete("boul", order_by_relevance=False)
    entries = compat.sqlite_index_matches(results)
    if connection.vendor != "sqlite":
        assert entries is None
        return
    assert (
        {int(pk) for pk in entries.values_list("index_entry__object_id", flat=True)}
        == {shop.pk for shop in results}
        == {dupont.pk}
    )
    assert compat.sqlite_index_matches(ShopPage.objects.autocomplete(MatchAll())) is None


def test_the_database_search_backend_is_known_by_its_database():
    from wagtail.search.backends import get_search_backend

    assert compat.database_search_kind(get_search_backend()) == connection.vendor


def test_entry_texts_are_those_the_database_backend_writes():
    # What core.search_entries builds its entries from (tests/core/test_search_entries.py
    # compares the entries themselves).
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    HomePageFactory()
    shop = ShopPageFactory(title="  Boulangerie Dupont ", short_description="Pains.")
    backend = get_search_backend()
    backend.add_bulk(ShopPage, [shop])
    entry = IndexEntry.objects.get(object_id=str(shop.pk))
    if connection.vendor == "postgresql":
        texts = compat.postgres_entry_texts(backend, shop)
        assert texts["title"] == [("Boulangerie Dupont", texts["title"][0][1])]
        assert {weight for _, weight in texts["autocomplete"]} == {"D"}
        assert [text for text, _ in texts["body"]] == [shop.search_name, shop.search_text]
        assert (texts["title_text"], texts["body_text"]) == (entry.title_text, entry.body_text)
    else:
        texts = compat.sqlite_entry_texts(backend, shop)
        assert texts == (entry.title, entry.autocomplete, entry.body)
        assert "Boulangerie Dupont" in texts[0]


def test_refreshed_title_norms_weigh_a_short_title_more():
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    HomePageFactory()
    shops = [ShopPageFactory(title="Dupont"), ShopPageFactory(title="Boulangerie du Parc")]
    IndexEntry.objects.filter(object_id__in=[str(s.pk) for s in shops]).update(title_norm=1.0)
    compat.refresh_title_norms(get_search_backend().get_index_for_model(ShopPage))
    norms = IndexEntry.objects.filter(object_id__in=[str(s.pk) for s in shops]).order_by("pk")
    short, long = norms.values_list("title_norm", flat=True)
    assert short > long  # the shorter title weighs more; both were 1.0


def test_an_attribute_set_by_the_form_metaclass_comes_before_wagtails_draft_mixin():
    from wagtail.admin.forms import WagtailAdminPageForm
    from wagtail.admin.forms.models import WagtailAdminDraftStateFormMixin
    from wagtail.admin.panels import get_edit_handler

    class BaseForm(
        WagtailAdminPageForm,
        metaclass=compat.form_metaclass_setting(
            WagtailAdminPageForm, show_schedule_publishing_toggle="ours"
        ),
    ):
        pass

    from home.models import StandardPage

    # A page type whose panels name only model fields (the shop's form adds its own).
    edit_handler = get_edit_handler(StandardPage).clone()
    edit_handler.base_form_class = BaseForm
    built = edit_handler.bind_to_model(StandardPage).get_form_class()
    # Wagtail still puts its mixin before the base form...
    assert built.__mro__.index(WagtailAdminDraftStateFormMixin) < built.__mro__.index(BaseForm)
    # ...and the attribute set on the built class wins.
    assert built.show_schedule_publishing_toggle == "ours"


def test_renditions_prefetched_by_wagtail_are_held():
    from wagtail.images import get_image_model

    picture = ImageFactory()
    picture.get_rendition("width-20")
    loaded = get_image_model().objects.prefetch_related("renditions").get(pk=picture.pk)
    assert [rendition.filter_spec for rendition in compat.held_renditions(loaded)] == ["width-20"]
    assert compat.held_renditions(get_image_model().objects.get(pk=picture.pk)) == ()


def test_a_held_rendition_is_what_wagtail_finds_without_a_query():
    from wagtail.images import get_image_model

    picture = ImageFactory()
    made = picture.get_rendition("width-20")
    loaded = get_image_model().objects.get(pk=picture.pk)
    compat.hold_rendition(loaded, made)
    with CaptureQueriesContext(connection) as queries:
        assert loaded.get_renditions("width-20") == {"width-20": made}
    assert len(queries) == 0
    assert list(compat.held_renditions(loaded)) == [made]


def page_state(page):
    state = {name: value for name, value in vars(page).items() if name != "_state"}
    return state, page._state.adding, page._state.db


@pytest.mark.parametrize("fields", [(), ("title", "slug", "url_path")])
def test_a_page_read_from_the_database_is_what_django_builds(monkeypatch, fields):
    from django.db.models import Model
    from modelcluster.models import ClusterableModel

    shop = ShopPageFactory(title="Boulangerie Dupont")
    queryset = ShopPage.objects.filter(pk=shop.pk)
    queryset = queryset.only(*fields) if fields else queryset
    built = []
    constructor = ClusterableModel.__init__
    monkeypatch.setattr(
        ClusterableModel,
        "__init__",
        lambda page, *args, **kwargs: built.append(page) or constructor(page, *args, **kwargs),
    )
    (ours,) = list(queryset.all())
    assert built == []
    monkeypatch.setattr(ShopPage, "from_db", classmethod(Model.from_db.__func__))
    (djangos,) = list(queryset.all())
    assert built == [djangos]
    # Wagtail's constructor reads the id, which a page reading only some fields takes
    # from its parent link (no query): read it here too.
    assert ours.id == djangos.id
    assert page_state(ours) == page_state(djangos)
    assert (type(ours), ours.title) == (ShopPage, "Boulangerie Dupont")


def test_a_parent_treebeard_fetched_or_was_told_is_remembered():
    home = HomePageFactory()
    shop = Page.objects.get(pk=ShopPageFactory().pk)
    assert compat.remembered_parent(shop) is None
    parent = shop.get_parent()
    assert compat.remembered_parent(shop) is parent
    compat.remember_parent(shop, home)
    assert compat.remembered_parent(shop) is home


def test_compiled_values_run_alone_give_what_the_queryset_gives():
    HomePageFactory()
    ShopPageFactory(title="Boulangerie Dupont")
    ShopPageFactory(title="Fleuriste Martin")
    rows = ShopPage.objects.order_by("title").values_list("title", "last_published_at", "pk")
    sql, params, converted = compat.compiled_values(rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    assert [tuple(row) for row in converted(raw)] == list(rows)
