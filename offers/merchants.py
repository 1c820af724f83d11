"""Merchant accounts: giving a merchant access to a shop, withdrawing it, what a
merchant may see, and moderation.

Moderation is done with publish permission rather than by switching workflows on and
off: the "Validation par l'équipe" workflow is always assigned to the directory, and
merchants' groups hold "publish" on their shop only while moderation is off. With it,
Wagtail shows merchants "Publier"; without it, only "Soumettre à la validation", which
starts the workflow, notifies the staff group by email and publishes on approval.
Staff keep publish everywhere, so the workflow never slows them down.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Site,
    Workflow,
    WorkflowPage,
)

from core import tree
from core.clock import today
from core.emails import render_text
from core.site_url import absolute_url
from directory.models import ShopPage
from home.models import SiteSettings
from offers import accounts
from offers.merchant_models import MerchantProfile, ShopAccess
from offers.models import OfferPage

STAFF_GROUP = "Équipe communication"
MODERATION_WORKFLOW = "Validation par l'équipe"
MERCHANTS_COLLECTION = "Commerçants"
MERCHANT_PAGE_ACTIONS = ("add", "change", "publish")
MERCHANT_IMAGE_ACTIONS = ("add", "choose")


def is_staff_member(user):
    """Staff manage every shop and every merchant: superusers and the staff group."""
    return user.is_active and user.has_perm("offers.manage_merchants")


def merchant_shops(user):
    """The shops whose group `user` belongs to, by title."""
    if not user.is_authenticated:
        return ShopPage.objects.none()
    return ShopPage.objects.filter(merchant_access__group__user=user).order_by("title")


def is_merchant(user):
    """A merchant is anyone with a shop who is not staff: their admin is trimmed."""
    return not is_staff_member(user) and merchant_shops(user).exists()


def moderation_enabled():
    site = Site.objects.filter(is_default_site=True).first()
    return bool(site and SiteSettings.for_site(site).moderation_enabled)


def _page_permission(action):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def _image_permission(action):
    return Permission.objects.get(
        content_type__app_label="wagtailimages", codename=f"{action}_image"
    )


def merchants_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=MERCHANTS_COLLECTION).first()
    return existing or root.add_child(name=MERCHANTS_COLLECTION)


def ensure_moderation_workflow(shop):
    """Assign the staff's workflow to the shop's directory, unless it already has one."""
    directory = shop.get_parent()
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=directory).exists():
        WorkflowPage.objects.create(page=directory, workflow=workflow)


@transaction.atomic
def shop_access(shop):
    """The shop's group and image collection, with their permissions, created if missing."""
    existing = ShopAccess.objects.filter(shop=shop).select_related("group").first()
    if existing is not None:
        return existing
    name = _("Commerçant — %(shop)s") % {"shop": shop.title}
    # A group name is unique; two shops may share a title.
    if Group.objects.filter(name=name).exists():
        name = f"{name} ({shop.pk})"
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    actions = MERCHANT_PAGE_ACTIONS
    if moderation_enabled():
        actions = tuple(action for action in actions if action != "publish")
    for action in actions:
        GroupPagePermission.objects.create(
            group=group, page=shop, permission=_page_permission(action)
        )
    collection = merchants_collection().add_child(name=shop.title)
    for action in MERCHANT_IMAGE_ACTIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=_image_permission(action)
        )
    ensure_moderation_workflow(shop)
    return ShopAccess.objects.create(shop=shop, group=group, collection=collection)


def password_setting_url(user):
    """An absolute link to Wagtail's "choose a new password" form, valid until the
    password changes or PASSWORD_RESET_TIMEOUT passes (Django's reset tokens)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def send_invitation(user, shop):
    context = {
        "user": user,
        "shop": shop,
        # Someone who already has a password (a merchant given a second shop) keeps it.
        "password_url": None if user.has_usable_password() else password_setting_url(user),
        "admin_url": absolute_url(reverse("wagtailadmin_home")),
    }
    send_mail(
        _("Votre accès à la fiche de %(shop)s") % {"shop": shop.title},
        render_text("offers/admin/invitation_email.txt", context),
        None,
        [user.email],
    )


class AccountNeedsConfirmation(Exception):
    """The address belongs to an account the caller has not confirmed (`account`), or
    no longer to the account they confirmed (`account` is then the one that has it
    now, or None)."""

    def __init__(self, account):
        super().__init__(account)
        self.account = account


def grant_access(shop, name, email, invite=True, existing_account=None):
    """Give the person with this email access to `shop`, and email them an invitation
    (unless `invite` is false, as for the demo's accounts, whose passwords are known).
    Returns (user, created).

    A new address gets a new account. An address that is already an account's is
    given the shop only if that account is `existing_account`, the one staff were shown
    and confirmed; otherwise AccountNeedsConfirmation names the account that has it
    (also when another request creates an account with the address at the same moment:
    the database's unique index on addresses decides, offers.accounts)."""
    email = accounts.normalise_email(email)
    try:
        with transaction.atomic():
            return _grant_access(shop, name, email, invite, existing_account)
    except IntegrityError:
        account = accounts.account_with_email(email)
        if account is None or account == existing_account:
            raise
        raise AccountNeedsConfirmation(account) from None


def _grant_access(shop, name, email, invite, existing_account):
    user = accounts.account_with_email(email)
    if user != existing_account:
        raise AccountNeedsConfirmation(user)
    created = user is None
    if created:
        first_name, _space, last_name = name.strip().partition(" ")
        user = get_user_model()(
            username=_unique_username(email),
            email=email,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        user.set_unusable_password()
        user.save()
    MerchantProfile.objects.get_or_create(user=user)
    user.groups.add(shop_access(shop).group)
    if invite:
        transaction.on_commit(lambda: send_invitation(user, shop))
    return user, created


def _unique_username(email):
    user_model = get_user_model()
    base = email[:140]
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def withdraw_access(shop, user):
    """Remove `user` from the shop's group; their account and other shops stay."""
    access = ShopAccess.objects.filter(shop=shop).first()
    if access is not None:
        user.groups.remove(access.group)


def shop_merchants(shop):
    return get_user_model().objects.filter(groups__shop_access__shop=shop).order_by("email")


def set_moderation(enabled):
    """Give merchants' groups publish permission on their shop only while moderation is
    off (see the module's docstring)."""
    publish = _page_permission("publish")
    accesses = ShopAccess.objects.select_related("group", "shop")
    if enabled:
        GroupPagePermission.objects.filter(
            group__shop_access__isnull=False, permission=publish
        ).delete()
        return
    for access in accesses:
        GroupPagePermission.objects.get_or_create(
            group=access.group, page=access.shop, permission=publish
        )


# --- What a merchant sees ---------------------------------------------------------


def merchant_offers(user, day=None, recent_days=60):
    """The offers of `user`'s shops that are current, upcoming or ended within
    `recent_days`, newest first, for the dashboard."""
    day = day or today()
    shops = list(merchant_shops(user))
    if not shops:
        return OfferPage.objects.none()
    subtree = Page.objects.none()
    for shop in shops:
        subtree |= Page.objects.descendant_of(shop)
    return (
        OfferPage.objects.filter(pk__in=subtree.values("pk"))
        .filter(end_date__gte=day - timedelta(days=recent_days))
        .order_by("-start_date", "-pk")
    )


def merchant_subtree_paths(user):
    return [shop.path for shop in merchant_shops(user)]


def restrict_to_shops(queryset, user):
    """`queryset` of pages narrowed to `user`'s shops and what is under them, plus
    their ancestors (so that the explorer can still walk down to them)."""
    paths = merchant_subtree_paths(user)
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= tree.at_or_below_q(path) | Q(path__in=tree.ancestor_paths(path))
    return queryset.filter(condition)


# --- The staff's report -----------------------------------------------------------


def merchant_changes(since):
    """Page log entries since `since` made by merchants (users in a shop's group who are
    not staff), newest first."""
    merchant_ids = (
        get_user_model()
        .objects.filter(groups__shop_access__isnull=False, is_superuser=False)
        .exclude(groups__name=STAFF_GROUP)
        .values("pk")
    )
    return (
        PageLogEntry.objects.filter(user_id__in=merchant_ids, timestamp__gte=since)
        .select_related("user", "page")
        .order_by("-timestamp")
    )
