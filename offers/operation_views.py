"""A merchant joins or leaves a city operation from their dashboard: one POST each.
Thin views over directory.operations; staff may do the same for any shop."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.clock import today
from directory import operations
from directory.models import OperationPage, ShopPage
from offers import merchants
from offers.admin_access import LARGEST_ID


class JoinOperationForm(forms.Form):
    """The shop's own hours for an opening day: both, or neither for the day's."""

    opens = forms.TimeField(label=gettext_lazy("Ouvre à"), required=False)
    closes = forms.TimeField(label=gettext_lazy("Ferme à"), required=False)

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                operations.check_hours(data.get("opens"), data.get("closes"))
            except operations.JoiningRefused as refusal:
                raise forms.ValidationError(str(refusal)) from refusal
        return data


def _shop_and_operation(request, shop_id, operation_id):
    """The shop (one of the merchant's, or any for staff) and the live operation; a shop
    of someone else's is refused before anything is read of it."""
    if max(shop_id, operation_id) > LARGEST_ID:  # names nothing; SQLite would overflow
        raise Http404
    user = request.user
    shops = (
        ShopPage.objects.all()
        if merchants.is_staff_member(user)
        else merchants.merchant_shops(user)
    )
    shop = shops.filter(pk=shop_id).first()
    if shop is None:
        raise PermissionDenied
    operation = get_object_or_404(OperationPage.objects.live(), pk=operation_id)
    return shop, operation


def _back(request):
    return redirect(reverse("wagtailadmin_home") + "#operations")


@require_POST
def join_operation(request, shop_id, operation_id):
    shop, operation = _shop_and_operation(request, shop_id, operation_id)
    form = JoinOperationForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(message for field in form.errors.values() for message in field)
        messages.error(
            request,
            _("« %(shop)s » n'est pas inscrit à « %(operation)s » : %(errors)s")
            % {"shop": shop.title, "operation": operation.title, "errors": errors},
        )
        return _back(request)
    try:
        operations.join(
            shop,
            operation,
            request.user,
            today(),
            opens=form.cleaned_data["opens"],
            closes=form.cleaned_data["closes"],
        )
    except operations.JoiningRefused as refusal:
        messages.error(request, str(refusal))
        return _back(request)
    messages.success(
        request,
        _("« %(shop)s » participe à « %(operation)s ».")
        % {"shop": shop.title, "operation": operation.title},
    )
    return _back(request)


@require_POST
def leave_operation(request, shop_id, operation_id):
    shop, operation = _shop_and_operation(request, shop_id, operation_id)
    try:
        operations.leave(shop, operation, today())
    except operations.JoiningRefused as refusal:
        messages.error(request, str(refusal))
        return _back(request)
    messages.success(
        request,
        _("« %(shop)s » ne participe plus à « %(operation)s ».")
        % {"shop": shop.title, "operation": operation.title},
    )
    return _back(request)
