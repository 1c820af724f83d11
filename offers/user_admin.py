"""Staff's user admin (Wagtail's), refusing an e-mail address another account has.

The forms check the address (offers.forms); if another account takes it between the
check and the save, the database's unique index refuses the save and the view shows
the same form error instead of answering 500."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import IntegrityError
from wagtail.users.views import users

from offers import accounts
from offers.forms import AccountCreationForm, AccountEditForm

User = get_user_model()


class _SaveRefusedAsFormError:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            if accounts.email_is_taken(form.cleaned_data.get("email"), exclude=form.instance):
                form.add_error("email", accounts.EMAIL_TAKEN)
            elif _username_is_taken(form):
                form.add_error(User.USERNAME_FIELD, form.error_messages["duplicate_username"])
            else:
                raise
            # What Wagtail's is_valid() sets for a form that fails validation.
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


def _username_is_taken(form):
    username = form.cleaned_data.get(User.USERNAME_FIELD)
    others = User._default_manager.filter(**{User.USERNAME_FIELD: username})
    if form.instance.pk is not None:
        others = others.exclude(pk=form.instance.pk)
    return others.exists()


class AccountCreateView(_SaveRefusedAsFormError, users.CreateView):
    pass


class AccountEditView(_SaveRefusedAsFormError, users.EditView):
    pass


class AccountViewSet(users.UserViewSet):
    add_view_class = AccountCreateView
    edit_view_class = AccountEditView

    def get_form_class(self, for_update=False):
        return AccountEditForm if for_update else AccountCreationForm


@checks.register(checks.Tags.security)
def email_changes_are_confirmed(app_configs, **kwargs):
    """Wagtail's own account settings would let anyone set any address at once."""
    if getattr(settings, "WAGTAIL_EMAIL_MANAGEMENT_ENABLED", True):
        return [
            checks.Error(
                "WAGTAIL_EMAIL_MANAGEMENT_ENABLED must be False: addresses are changed "
                "through offers.accounts, which asks the new mailbox to confirm.",
                id="offers.E001",
            )
        ]
    return []
