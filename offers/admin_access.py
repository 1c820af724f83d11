"""Deny by default: the admin views a merchant may reach, and whose objects.

Wagtail's admin has some two hundred views, and several of them show a page's or an
image's title, or other users' names, to anyone who may enter the admin (a bulk
action's confirmation page, the page types report, the site history's user filter,
the admin API's image listing). Rather than chase them one by one, a merchant reaches
only the views listed in `MERCHANT_VIEWS`; every other admin URL answers 403 for them,
including views that a Wagtail upgrade or another app adds later.

Each entry names a view (`resolver_match.view_name`) and says which arguments of its
URL are allowed and whose objects they must be: a page under one of the merchant's
shops, an image they may change, and so on. A view whose URL has an argument the entry
does not name is refused too. These checks run before Wagtail's own, so a page of
another merchant gets a plain 403 (Wagtail 8 would redirect to the dashboard with a
message) and no title.

Adding a view for merchants is one line in `MERCHANT_VIEWS` (with its arguments'
checks); `README.md` ("Merchant admin: what a merchant can reach") lists the views and
why. Staff, anonymous visitors (sent to the login page by Wagtail) and accounts that
are not merchants are not concerned.
"""

from functools import wraps

from django.apps import apps
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, UploadedFile, WorkflowState
from wagtail.permissions import policy_registry

from core import tree
from offers import merchants

# --- Checks of one URL argument: (user, value) -> bool ------------------------------


# The largest id a database column holds: a bigger one in a URL names nothing (and
# would make SQLite raise OverflowError).
LARGEST_ID = 2**63 - 1


def _as_id(value):
    """An object id from a URL argument (an int, or a str of digits), else None."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and 0 <= value <= LARGEST_ID:
        return value
    return None


def _shop_subtree(user):
    """The merchant's shops and everything under them (their offers)."""
    condition = Q(pk__in=[])
    for path in merchants.merchant_subtree_paths(user):
        condition |= tree.at_or_below_q(path)
    return Page.objects.filter(condition)


def page_of_their_shops(user, value):
    """One of the merchant's shops or an offer under it."""
    return _shop_subtree(user).filter(pk=_as_id(value)).exists()


def page_on_the_way_to_their_shops(user, value):
    """As above, or an ancestor of their shops (the home and directory pages), which
    the explorer and the page chooser walk through (their listings are narrowed by the
    hooks in offers.wagtail_hooks)."""
    return merchants.restrict_to_shops(Page.objects.filter(pk=_as_id(value)), user).exists()


def revision_of_their_shops(user, value):
    page_ids = [str(pk) for pk in _shop_subtree(user).values_list("pk", flat=True)]
    return Revision.page_revisions.filter(pk=_as_id(value), object_id__in=page_ids).exists()


def revision_or_keyword(user, value):
    """The revisions comparison also takes "live", "earliest" and "latest"."""
    return value in {"live", "earliest", "latest"} or revision_of_their_shops(user, value)


def workflow_state_of_their_shops(user, value):
    page_ids = [str(pk) for pk in _shop_subtree(user).values_list("pk", flat=True)]
    return WorkflowState.objects.filter(
        pk=_as_id(value),
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=page_ids,
    ).exists()


def _images(user, actions):
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(user, actions)


def image_they_may_change(user, value):
    """An image the merchant uploaded to their collection (Wagtail lets whoever may add
    images change and delete their own)."""
    return _images(user, ["change", "delete"]).filter(pk=_as_id(value)).exists()


def image_they_may_choose(user, value):
    return _images(user, ["choose"]).filter(pk=_as_id(value)).exists()


def their_upload(user, value):
    """A file of the multiple uploader waiting for its details, uploaded by them."""
    return UploadedFile.objects.filter(pk=_as_id(value), uploaded_by_user=user).exists()


def one_of(*allowed):
    def check(user, value):
        return value in allowed

    return check


def checked_by_the_view(user, value):
    """The view itself narrows this argument to the user (an editing session's id) or
    checks it (a password reset link's token, an address confirmation's signed token,
    which names the account it was made for)."""
    return True


# --- Rules of one view: (request, kwargs) -> bool -----------------------------------


def arguments(**checks):
    """A view whose URL has exactly these arguments, each passing its check."""

    def allowed(request, kwargs):
        return set(kwargs) == set(checks) and all(
            check(request.user, kwargs[name]) for name, check in checks.items()
        )

    return allowed


NO_ARGUMENTS = arguments()

# The bulk actions of the explorer's and the image index's checkboxes. Their objects
# are in the query string (`?id=1&id=2`, or `id=all` for a whole listing, which a
# merchant may not use: the listing would be everyone's images).
BULK_ACTIONS = {
    ("wagtailcore", "page"): {
        "delete": page_of_their_shops,
        "publish": page_of_their_shops,
        "unpublish": page_of_their_shops,
    },
    ("wagtailimages", "image"): {"delete": image_they_may_change},
}


def bulk_action(request, kwargs):
    actions = BULK_ACTIONS.get((kwargs.get("app_label"), kwargs.get("model_name")), {})
    check = actions.get(kwargs.get("action"))
    ids = request.GET.getlist("id")
    return (
        check is not None
        and len(kwargs) == 3
        and bool(ids)
        and all(check(request.user, value) for value in ids)
    )


def editing_session_ping(request, kwargs):
    """The edit form tells Wagtail every few seconds that someone is editing the page
    (and learns who else is): only for their own pages."""
    try:
        model = apps.get_model(kwargs.get("app_label"), kwargs.get("model_name"))
    except (LookupError, ValueError, TypeError):
        return False
    return issubclass(model, Page) and arguments(
        app_label=checked_by_the_view,
        model_name=checked_by_the_view,
        object_id=page_of_their_shops,
        session_id=checked_by_the_view,
    )(request, kwargs)


# The views a merchant reaches, by view name, with the rule for their arguments.
MERCHANT_VIEWS = {
    # The frame of every admin page: dashboard, login and logout, password reset (its
    # links come by e-mail), the icons, the translations of the admin's scripts, the
    # dismissed tips.
    "wagtailadmin_home": NO_ARGUMENTS,
    "wagtailadmin_login": NO_ARGUMENTS,
    "wagtailadmin_logout": NO_ARGUMENTS,
    "wagtailadmin_password_reset": NO_ARGUMENTS,
    "wagtailadmin_password_reset_done": NO_ARGUMENTS,
    "wagtailadmin_password_reset_confirm": arguments(
        uidb64=checked_by_the_view, token=checked_by_the_view
    ),
    "wagtailadmin_password_reset_complete": NO_ARGUMENTS,
    "wagtailadmin_sprite": NO_ARGUMENTS,
    "wagtailadmin_javascript_catalog": NO_ARGUMENTS,
    "wagtailadmin_dismissibles": NO_ARGUMENTS,
    # Their account: name, e-mail (a change counts once confirmed from the new
    # mailbox's link: offers.accounts), password, notifications; two-factor
    # authentication, which merchants may turn on (logins.two_factor).
    "wagtailadmin_account": NO_ARGUMENTS,
    "offers_confirm_email": arguments(token=checked_by_the_view),
    "logins_two_factor": NO_ARGUMENTS,
    "logins_two_factor_setup": NO_ARGUMENTS,
    "logins_two_factor_verify": NO_ARGUMENTS,
    "logins_two_factor_backup_codes": NO_ARGUMENTS,
    "logins_two_factor_disable": NO_ARGUMENTS,
    # The page explorer, narrowed to their shops (offers.wagtail_hooks), and the
    # sidebar's explorer, which reads the admin API (Wagtail narrows it to the pages
    # the user has a permission on and their ancestors).
    "wagtailadmin_explore_root": NO_ARGUMENTS,
    "wagtailadmin_explore": arguments(parent_page_id=page_on_the_way_to_their_shops),
    "wagtailadmin_explore_results": arguments(parent_page_id=page_on_the_way_to_their_shops),
    "wagtailadmin_pages:search": NO_ARGUMENTS,
    "wagtailadmin_pages:search_results": NO_ARGUMENTS,
    "wagtailadmin_api:pages:listing": NO_ARGUMENTS,
    "wagtailadmin_api:pages:detail": arguments(pk=page_on_the_way_to_their_shops),
    # Their shop and offers: edit, preview, history, revisions, workflow, add an offer,
    # take one down, move or copy one between their shops, repost it, publish a draft
    # from the dashboard.
    "wagtailadmin_pages:edit": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:preview_on_edit": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:view_draft": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:history": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:history_results": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:revisions_index": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:revisions_view": arguments(
        page_id=page_of_their_shops, revision_id=revision_of_their_shops
    ),
    "wagtailadmin_pages:revisions_revert": arguments(
        page_id=page_of_their_shops, revision_id=revision_of_their_shops
    ),
    "wagtailadmin_pages:revisions_compare": arguments(
        pk=page_of_their_shops,
        revision_id_a=revision_or_keyword,
        revision_id_b=revision_or_keyword,
    ),
    "wagtailadmin_pages:workflow_history": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:workflow_history_detail": arguments(
        page_id=page_of_their_shops, workflow_state_id=workflow_state_of_their_shops
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:add_subpage": arguments(parent_page_id=page_of_their_shops),
    "wagtailadmin_pages:add": arguments(
        content_type_app_name=one_of("offers"),
        content_type_model_name=one_of("offerpage"),
        parent_page_id=page_of_their_shops,
    ),
    "wagtailadmin_pages:preview_on_add": arguments(
        content_type_app_name=one_of("offers"),
        content_type_model_name=one_of("offerpage"),
        parent_page_id=page_of_their_shops,
    ),
    "wagtailadmin_pages:delete": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:unpublish": arguments(page_id=page_of_their_shops),
    "wagtailadmin_pages:move": arguments(page_to_move_id=page_of_their_shops),
    "wagtailadmin_pages:move_confirm": arguments(
        page_to_move_id=page_of_their_shops, destination_id=page_of_their_shops
    ),
    "wagtailadmin_pages:copy": arguments(page_id=page_of_their_shops),
    "wagtail_bulk_action": bulk_action,
    "wagtailadmin_editing_sessions:ping": editing_session_ping,
    "wagtailadmin_editing_sessions:release": arguments(session_id=checked_by_the_view),
    "offers_repost": arguments(offer_id=page_of_their_shops),
    "offers_hours_confirmed": arguments(shop_id=page_of_their_shops),
    # Joining or leaving a city operation: the view checks the shop is theirs too.
    "offers_join_operation": arguments(
        shop_id=page_of_their_shops, operation_id=checked_by_the_view
    ),
    "offers_leave_operation": arguments(
        shop_id=page_of_their_shops, operation_id=checked_by_the_view
    ),
    "offers_publish": arguments(offer_id=page_of_their_shops),
    # Choosers of the shop and offer forms: the page chooser of rich text links
    # (narrowed to their shops by offers.wagtail_hooks) and its other link kinds, the
    # image chooser (Wagtail lists only the collections they may choose from), the
    # shop's keywords.
    "wagtailadmin_choose_page": NO_ARGUMENTS,
    "wagtailadmin_choose_page_child": arguments(parent_page_id=page_on_the_way_to_their_shops),
    "wagtailadmin_choose_page_search": NO_ARGUMENTS,
    "wagtailadmin_choose_page_external_link": NO_ARGUMENTS,
    "wagtailadmin_choose_page_email_link": NO_ARGUMENTS,
    "wagtailadmin_choose_page_phone_link": NO_ARGUMENTS,
    "wagtailadmin_choose_page_anchor_link": NO_ARGUMENTS,
    "wagtailimages_chooser:choose": NO_ARGUMENTS,
    "wagtailimages_chooser:choose_results": NO_ARGUMENTS,
    "wagtailimages_chooser:chosen": arguments(pk=image_they_may_choose),
    "wagtailimages_chooser:create": NO_ARGUMENTS,
    "wagtailadmin_tag_autocomplete": NO_ARGUMENTS,
    # The shop editor's lookup of the typed address in the city's address register
    # (directory.admin_views): open data, the same for everyone.
    "directory_address_lookup": NO_ARGUMENTS,
    # Their images: the index (Wagtail lists their collection's), upload one or many,
    # edit and delete what they uploaded.
    "wagtailimages:index": NO_ARGUMENTS,
    "wagtailimages:index_results": NO_ARGUMENTS,
    "wagtailimages:add": NO_ARGUMENTS,
    "wagtailimages:edit": arguments(image_id=image_they_may_change),
    "wagtailimages:delete": arguments(image_id=image_they_may_change),
    "wagtailimages:add_multiple": NO_ARGUMENTS,
    "wagtailimages:edit_multiple": arguments(image_id=image_they_may_change),
    "wagtailimages:delete_multiple": arguments(image_id=image_they_may_change),
    "wagtailimages:create_multiple_from_uploaded_image": arguments(uploaded_file_id=their_upload),
    "wagtailimages:delete_upload_multiple": arguments(uploaded_file_id=their_upload),
}


def merchant_may_reach(request, kwargs):
    """Whether the merchant making `request` may reach the admin view it resolved to,
    with these URL arguments."""
    match = getattr(request, "resolver_match", None)
    rule = MERCHANT_VIEWS.get(match.view_name) if match is not None else None
    return rule is not None and rule(request, kwargs)


def refusal(request):
    """A plain 403 in the admin's look, naming nothing (no page, no object)."""
    response = render(request, "offers/admin/forbidden.html", status=403)
    add_never_cache_headers(response)
    return response


def merchants_reach_only_listed_views(view):
    """Decorate an admin view: a merchant gets 403 unless `merchant_may_reach` says
    otherwise. Applied to every admin URL in vitrine/urls.py."""

    @wraps(view)
    def checked_view(request, *args, **kwargs):
        user = request.user
        is_merchant = user.is_authenticated and merchants.is_merchant(user)
        if is_merchant and not merchant_may_reach(request, kwargs):
            return refusal(request)
        return view(request, *args, **kwargs)

    return checked_view
