"""The city's staff group ("Équipe communication") with what staff need on every shop,
and the "Validation par l'équipe" workflow whose task its members approve.

Permissions are created here when missing because Django only creates them after all
migrations ran (post_migrate), and this group needs them now."""

from django.db import migrations

STAFF_GROUP = "Équipe communication"
WORKFLOW = "Validation par l'équipe"

PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
IMAGE_ACTIONS = ["add", "change", "choose", "delete"]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", ["access_admin"]),
    ("offers", "shopaccess", ["manage_merchants"]),
    ("home", "sitesettings", ["change_sitesettings"]),
    ("directory", "category", ["add_category", "change_category", "delete_category"]),
    ("directory", "district", ["add_district", "change_district", "delete_district"]),
    ("directory", "service", ["add_service", "change_service", "delete_service"]),
]


def permission(apps, app_label, model, codename):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
    found, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return found


def create_staff_group_and_workflow(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    staff, _ = group_model.objects.get_or_create(name=STAFF_GROUP)
    for app_label, model, codenames in MODEL_PERMISSIONS:
        for codename in codenames:
            staff.permissions.add(permission(apps, app_label, model, codename))

    # The tree's root: staff work on every page, including those created later.
    root_page = page_model.objects.filter(depth=1).first()
    if root_page is not None:
        for action in PAGE_ACTIONS:
            group_page_permission.objects.get_or_create(
                group=staff,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
            )
    root_collection = collection_model.objects.filter(depth=1).first()
    if root_collection is not None:
        for action in IMAGE_ACTIONS:
            group_collection_permission.objects.get_or_create(
                group=staff,
                collection=root_collection,
                permission=permission(apps, "wagtailimages", "image", f"{action}_image"),
            )

    workflow_model = apps.get_model("wagtailcore", "Workflow")
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    workflow, created = workflow_model.objects.get_or_create(name=WORKFLOW)
    if created:
        # Task is polymorphic: its content type says which subclass a row is.
        task_type, _ = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = task_model.objects.create(name=WORKFLOW, content_type=task_type, active=True)
        task.groups.add(staff)
        workflow_task_model.objects.create(workflow=workflow, task=task, sort_order=0)


def remove_staff_group_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=WORKFLOW).delete()
    apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0003_merchant_accounts"),
        ("home", "0003_sitesettings_moderation_enabled"),
        ("directory", "0002_shops"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_staff_group_and_workflow, remove_staff_group_and_workflow)
    ]
