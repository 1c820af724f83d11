"""Deny by default: a merchant reaches only the admin views offers.admin_access lists.

The walk below takes every URL pattern of the admin (Wagtail's, the apps' and any added
later), fills its arguments with another merchant's objects (their shop, offer,
revision, image, document, collection, account, upload, workflow), and asks for it as a
merchant, by GET and by POST. Any 200 from a view not on the list fails, as does any
answer showing the other merchant's titles, name or e-mail, or any change to their
content. When a new admin URL has an argument the walk cannot fill, it fails naming
it: say here which objects it takes."""

import io
import itertools
import json

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from PIL import Image as PillowImage
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, UploadedFile

from directory.models import ShopPage
from offers.admin_access import MERCHANT_VIEWS
from offers.models import OfferPage

pytestmark = pytest.mark.django_db

SECRETS_OF_B = [
    "Commerce B",
    "Offre secrète B",
    "Brouillon secret B",
    "Photo secrète B",
    "Document secret B",
    "Marchand B",
    "marchand-b@example.be",
]

# Pairs of (app label, model name) for the generic views (bulk actions, settings, tag
# autocomplete, editing sessions, "add a page of this type").
MODELS = [
    ("wagtailcore", "page"),
    ("offers", "offerpage"),
    ("directory", "shoppage"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("auth", "user"),
    ("home", "sitesettings"),
    ("taggit", "tag"),
]
MODEL_ARGUMENTS = [
    ("app_label", "model_name"),
    ("content_type_app_name", "content_type_model_name"),
    ("app_name", "model_name"),
]
# Wagtail 8.0.1's external link chooser answers 500 to a POST without its `url` field
# (its validator calls `None.startswith`), for staff as for merchants: no data is shown
# or changed. Pinned here so that the fix, upstream or ours, shows.
KNOWN_WAGTAIL_CRASHES = {"wagtailadmin_choose_page_external_link"}
BULK_ACTIONS = ["delete", "publish", "unpublish", "move", "add_to_collection", "add_tags"]


@pytest.fixture(name="b_objects")
def b_objects_fixture(merchant_b):
    """Merchant B's objects, besides their shop, offer and image: a draft offer, a
    revision they saved, a document, an upload waiting for its details, an editing
    session and a workflow in progress."""
    b = merchant_b
    b.draft = OfferPage(title="Brouillon secret B", short_text="Pas encore publié")
    b.shop.add_child(instance=b.draft)
    b.draft.unpublish()
    b.draft.save_revision(user=b.user, log_action=True)
    b.offer.save_revision(user=b.user, log_action=True)
    b.document = get_document_model().objects.create(
        title="Document secret B",
        file=ContentFile(b"secret", name="secret-b.txt"),
        collection=b.collection,
        uploaded_by_user=b.user,
    )
    b.upload = UploadedFile.objects.create(
        file=ContentFile(b"upload", name="upload-b.txt"), uploaded_by_user=b.user
    )
    b.session = EditingSession.objects.create(
        user=b.user,
        content_type=b.offer.content_type,
        object_id=str(b.offer.pk),
        last_seen_at=timezone.now(),
    )
    b.workflow_state = b.draft.get_workflow().start(b.draft, b.user)
    b.task_state = b.workflow_state.current_task_state
    return b


def arguments_for(b, target):
    """Every URL argument the admin has, filled with B's objects; `target` is what the
    ambiguous ones (`pk`, `object_id`) name."""
    page = target if isinstance(target, Page) else b.offer
    return {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "page_to_move_id": page.pk,
        "page_pk": page.pk,
        "destination_id": b.shop.pk,
        "offer_id": b.offer.pk,
        "shop_id": b.shop.pk,
        "object_id": str(target.pk),
        "pk": target.pk,
        "revision_id": page.latest_revision_id,
        "revision_id_a": str(page.latest_revision_id),
        "revision_id_b": "latest",
        "image_id": b.image.pk,
        "document_id": b.document.pk,
        "doc_id": b.document.pk,
        "collection_id": b.collection.pk,
        "user_id": b.user.pk,
        "uploaded_file_id": b.upload.pk,
        "session_id": b.session.pk,
        "workflow_state_id": b.workflow_state.pk,
        "task_state_id": b.task_state.pk,
        "task_id": b.task_state.task_id,
        "workflow_pk": b.workflow_state.workflow_id,
        "redirect_id": target.pk,  # no redirect is a merchant's: any id will do
        "operation_id": target.pk,  # operations are the city's, not B's: any id will do
        "action_name": "approve",
        "filter_spec": "original",
        "uidb64": urlsafe_base64_encode(force_bytes(b.user.pk)),
        "token": default_token_generator.make_token(b.user),
    }


def admin_patterns():
    """(view name, argument names, route) of every URL pattern under /admin/, however it
    was mounted (a view mounted there outside the admin's patterns is walked too)."""

    def walk(patterns, namespaces, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespaces + ([pattern.namespace] if pattern.namespace else [])
                yield from walk(pattern.url_patterns, inner, route)
            elif route.startswith("admin/"):
                view_name = ":".join([*namespaces, pattern.name]) if pattern.name else None
                yield view_name, _argument_names(pattern.pattern), route

    return list(walk(get_resolver().url_patterns, [], ""))


def _argument_names(pattern):
    return list(pattern.regex.groupindex)


def urls_of(view_name, names, route, b):
    """The pattern's URLs with B's objects in every combination of the ambiguous
    arguments, each with the query strings views read ids and searches from."""
    if view_name is None:  # the admin's catch-all 404 and its test pages
        return ["/" + route.replace("^", "").replace(".*", "page-inconnue").replace("$", "")]
    targets = [b.shop, b.offer, b.draft] if names else [b.offer]
    if {"pk", "object_id"} & set(names):
        targets += [b.image, b.document, b.collection, b.user]
    models = MODELS if any(set(pair) <= set(names) for pair in MODEL_ARGUMENTS) else [None]
    actions = BULK_ACTIONS if "action" in names else [None]
    # Listings and searches take no argument but read the query string.
    queries = [
        {"id": b.offer.pk},
        {"q": "secrète"},
        {"search": "secrète"},
        {"collection_id": b.collection.pk},
        {"child_of": b.shop.pk, "for_explorer": "1"},
        {"descendant_of": b.shop.pk},
    ]
    if names:
        queries = []
    urls = set()
    for target, model, action in itertools.product(targets, models, actions):
        values = arguments_for(b, target)
        for app_name, model_name in MODEL_ARGUMENTS:
            if model is not None:
                values[app_name], values[model_name] = model
        values["action"] = action
        missing = [name for name in names if name not in values]
        assert not missing, f"{view_name}: say which of B's objects {missing} should name"
        path = reverse(view_name, kwargs={name: values[name] for name in names})
        for query in queries or [{"id": target.pk}]:
            urls.add(f"{path}?{urlencode(query)}")
    return sorted(urls)


def text_of(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


def check(response, view_name, url):
    """The walk's rule for one answer (see the module's docstring)."""
    if view_name not in MERCHANT_VIEWS:
        assert response.status_code == 403, (url, view_name, response.status_code)
    if response.status_code == 200:
        assert view_name in MERCHANT_VIEWS, (url, view_name)
    body = text_of(response) + response.get("Location", "")
    for secret in SECRETS_OF_B:
        assert secret not in body, (url, view_name, secret)


def walk(client, merchant, b, method):
    """Ask for every admin URL as `merchant`; return the number of URLs and the names
    of the views that crashed (answered 500)."""
    client.raise_request_exception = False
    client.force_login(merchant.user)
    visited, crashed = 0, set()
    for view_name, names, route in admin_patterns():
        for url in urls_of(view_name, names, route, b):
            response = getattr(client, method)(url)
            visited += 1
            if view_name == "wagtailadmin_logout":  # one of the merchant's views
                client.force_login(merchant.user)
            else:
                assert response.wsgi_request.user == merchant.user, url
            if response.status_code == 500:
                crashed.add(view_name)
            else:
                check(response, view_name, url)
    return visited, crashed


def assert_b_unchanged(b):
    shop = ShopPage.objects.get(pk=b.shop.pk)
    offer = OfferPage.objects.get(pk=b.offer.pk)
    assert (shop.title, shop.live, shop.has_unpublished_changes) == ("Commerce B", True, False)
    assert (offer.title, offer.live) == ("Offre secrète B", True)
    assert OfferPage.objects.filter(pk=b.draft.pk, title="Brouillon secret B").exists()
    assert OfferPage.objects.child_of(b.shop).count() == 2
    b.image.refresh_from_db()
    b.user.refresh_from_db()
    assert b.image.title == "Photo secrète B"
    assert b.user.email == "marchand-b@example.be"
    assert b.user.check_password("secret")
    assert b.user.groups.filter(shop_access__shop=b.shop).exists()
    assert get_document_model().objects.filter(pk=b.document.pk).exists()
    assert UploadedFile.objects.filter(pk=b.upload.pk).exists()
    assert b.collection.__class__.objects.filter(pk=b.collection.pk).exists()


# The two walks ask for every admin URL (about 1,900 each): what they check, which views a
# merchant reaches and whether another merchant's names show, is decided by Wagtail's
# permission policies and offers.admin_access in Python, over queries by id and owner
# that read the same on every engine. What does depend on the engine (ids past its
# integer range, below) runs on both.
WALK = pytest.mark.engine_independent(
    "permission checks in Python over queries by id and owner, the same on every engine"
)


@WALK
@pytest.mark.long_running
def test_every_admin_url_read_as_a_merchant_is_listed_and_shows_nothing_of_another(
    client, merchant_a, b_objects
):
    visited, crashed = walk(client, merchant_a, b_objects, "get")
    assert visited > len(admin_patterns())
    assert not crashed


@WALK
@pytest.mark.long_running
def test_every_admin_url_posted_to_by_a_merchant_is_listed_and_changes_nothing_of_another(
    client, merchant_a, b_objects
):
    _visited, crashed = walk(client, merchant_a, b_objects, "post")
    assert_b_unchanged(b_objects)
    assert crashed == KNOWN_WAGTAIL_CRASHES


def test_the_walk_covers_every_listed_view():
    """A name on the list that matches no admin URL is a typo, or a view gone."""
    names = {view_name for view_name, _names, _route in admin_patterns()}
    assert set(MERCHANT_VIEWS) <= names, set(MERCHANT_VIEWS) - names


# --- The leaks found as the demo's merchant, one by one -----------------------------


def refused(response):
    body = text_of(response)
    return response.status_code == 403 and not any(secret in body for secret in SECRETS_OF_B)


def test_admin_api_lists_no_image_to_a_merchant(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    for query in ("", "?search=secrète", f"?id={merchant_b.image.pk}"):
        assert refused(client.get(reverse("wagtailadmin_api:images:listing") + query))
    assert refused(
        client.get(reverse("wagtailadmin_api:images:detail", args=[merchant_b.image.pk]))
    )


def test_page_chooser_tells_a_merchant_no_title_of_another_merchants_draft(
    client, merchant_a, b_objects
):
    client.force_login(merchant_a.user)
    url = reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={b_objects.draft.pk}"
    assert refused(client.get(url))


@pytest.mark.parametrize("action", ["delete", "publish", "unpublish", "move"])
def test_bulk_action_on_another_merchants_page_is_refused_without_its_title(
    client, merchant_a, b_objects, action
):
    client.force_login(merchant_a.user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    for ids in ([b_objects.draft.pk], [merchant_a.offer.pk, b_objects.offer.pk], ["all"]):
        assert refused(client.get(url + "?" + urlencode({"id": ids}, doseq=True))), ids
        assert refused(client.post(url + "?" + urlencode({"id": ids}, doseq=True))), ids
    assert_b_unchanged(b_objects)


def test_bulk_deletion_of_another_merchants_image_is_refused_without_its_title(
    client, merchant_a, b_objects
):
    client.force_login(merchant_a.user)
    url = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
    for ids in ([b_objects.image.pk], ["all"]):
        assert refused(client.get(url + "?" + urlencode({"id": ids}, doseq=True)))
        assert refused(client.post(url + "?" + urlencode({"id": ids}, doseq=True)))
    assert_b_unchanged(b_objects)


def test_reports_and_user_filters_are_refused_to_a_merchant(client, merchant_a, b_objects):
    client.force_login(merchant_a.user)
    for url in [
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_pages:type_use", args=["offers", "offerpage"]),
        reverse("wagtailforms:index"),
    ]:
        assert refused(client.get(url)), url


def test_merchant_bulk_unpublishes_their_own_offer(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    url += f"?id={merchant_a.offer.pk}"
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Offre secrète A" in confirmation.content.decode()
    assert client.post(url).status_code == 302
    assert not OfferPage.objects.get(pk=merchant_a.offer.pk).live


def test_merchant_reaches_the_views_of_their_daily_work(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    shop, offer, image = merchant_a.shop, merchant_a.offer, merchant_a.image
    directory = shop.get_parent()
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_pages:edit", args=[shop.pk]),
        reverse("wagtailadmin_pages:edit", args=[offer.pk]),
        reverse("wagtailadmin_pages:history", args=[offer.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[offer.pk, offer.latest_revision_id]),
        reverse("wagtailadmin_pages:add", args=["offers", "offerpage", shop.pk]),
        reverse("wagtailadmin_pages:delete", args=[offer.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[offer.pk]),
        reverse("offers_repost", args=[offer.pk]),
        reverse("wagtailadmin_explore", args=[shop.pk]),
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={directory.pk}&for_explorer=1",
        reverse("wagtailadmin_api:pages:detail", args=[shop.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages:delete", args=[image.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailimages_chooser:chosen", args=[image.pk]),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[shop.pk]),
        reverse("wagtailadmin_choose_page_external_link"),
        reverse("wagtailadmin_tag_autocomplete") + "?term=pain",
        reverse("wagtailadmin_javascript_catalog"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = text_of(response)
        assert not any(secret in body for secret in SECRETS_OF_B), url


def test_staff_are_not_concerned_by_the_merchants_list(client, merchant_a, merchant_b, staff_user):
    client.force_login(staff_user)
    for url in [
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailimages:edit", args=[merchant_b.image.pk]),
        reverse("offers_shop_access", args=[merchant_b.shop.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_refusal_is_a_french_page_of_the_admin_naming_nothing(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[merchant_b.shop.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Accès refusé" in body
    assert "Commerce B" not in body
    assert "no-cache" in response["Cache-Control"]


def test_anonymous_visitor_is_still_sent_to_login(client, merchant_a):
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_ids_too_large_for_the_database_are_refused_not_crashed(client, merchant_a):
    client.force_login(merchant_a.user)
    huge = 10**20
    for url in [
        reverse("wagtailadmin_pages:edit", args=[huge]),
        reverse("wagtailimages:edit", args=[huge]),
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={huge}",
    ]:
        assert client.get(url).status_code == 403, url


def png(name):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (4, 3), "#0a4f8f").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_merchant_cannot_upload_into_another_merchants_collection(client, merchant_a, merchant_b):
    client.force_login(merchant_a.user)
    image_model = get_image_model()
    for url, data in [
        (reverse("wagtailimages:add"), {"title": "Intruse", "file": png("intruse.png")}),
        (reverse("wagtailimages:add_multiple"), {"files[]": png("intruse.png")}),
        (
            reverse("wagtailimages_chooser:create"),
            {
                "image-chooser-upload-title": "Intruse",
                "image-chooser-upload-file": png("intruse.png"),
            },
        ),
    ]:
        data["collection"] = str(merchant_b.collection.pk)
        data["image-chooser-upload-collection"] = str(merchant_b.collection.pk)
        response = client.post(url, data)
        assert response.status_code in (200, 302), url
        assert "Commerce B" not in text_of(response), url
    assert (
        not image_model.objects.filter(collection=merchant_b.collection)
        .exclude(pk=merchant_b.image.pk)
        .exists()
    )
