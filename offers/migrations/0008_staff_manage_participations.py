"""The city's staff group edits the shops taking part in the city's operations
(directory.OperationParticipation): it adds or removes shops of an operation."""

from django.db import migrations

STAFF_GROUP = "Équipe communication"
CODENAMES = [
    "add_operationparticipation",
    "change_operationparticipation",
    "delete_operationparticipation",
    "view_operationparticipation",
]


def permission(apps, codename):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    # Django creates permissions after all migrations ran (post_migrate): made here when
    # missing, as 0004 does.
    content_type, _ = content_type_model.objects.get_or_create(
        app_label="directory", model="operationparticipation"
    )
    found, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return found


def grant(apps, schema_editor):
    staff = apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        staff.permissions.add(*(permission(apps, codename) for codename in CODENAMES))


def revoke(apps, schema_editor):
    staff = apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).first()
    if staff is not None:
        staff.permissions.remove(
            *apps.get_model("auth", "Permission").objects.filter(
                content_type__app_label="directory", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0007_staff_edit_tag_search_terms"),
        ("directory", "0007_operations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
