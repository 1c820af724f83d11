"""One account per e-mail address, whatever its case, enforced by the database.

Staff give a merchant access to a shop by e-mail address (offers.merchants.grant_access),
so two accounts sharing an address would let the wrong one receive the shop. auth.User
belongs to django.contrib.auth, whose model state another app's migration cannot
change, so the constraint is added through the schema editor (which writes the right
SQL for SQLite and PostgreSQL alike: a unique partial index on lower(email)) rather
than declared on the model. Accounts without an address (a superuser made by
`createsuperuser` may have none) are left out.

Existing duplicates stop the migration with the list of them: which account keeps an
address is a decision for a person (it decides who gets a shop), not for a migration.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower

CONSTRAINT_NAME = "account_email_unique_ci"


def _constraint():
    return models.UniqueConstraint(
        Lower("email"), name=CONSTRAINT_NAME, condition=~models.Q(email="")
    )


def _user_model(apps):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    return apps.get_model(app_label, model_name)


def refuse_duplicates(user_model):
    """Raise, naming every address held by several accounts, if there is one."""
    duplicates = (
        user_model.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=models.Count("pk"))
        .filter(accounts__gt=1)
        .values_list("address", flat=True)
    )
    lines = []
    for address in duplicates.order_by("address"):
        usernames = user_model.objects.filter(email__iexact=address).order_by("pk")
        names = ", ".join(usernames.values_list("username", flat=True))
        lines.append(f"  {address}: {names}")
    if lines:
        raise RuntimeError(
            "Several accounts share an e-mail address; give each account its own address "
            "(or empty it) in the admin's Users, then run migrate again:\n" + "\n".join(lines)
        )


def add_constraint(apps, schema_editor):
    user_model = _user_model(apps)
    refuse_duplicates(user_model)
    schema_editor.add_constraint(user_model, _constraint())


def remove_constraint(apps, schema_editor):
    schema_editor.remove_constraint(_user_model(apps), _constraint())


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0005_offer_end_date_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(add_constraint, remove_constraint)]
