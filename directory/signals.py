"""Keep the search index in step with reference data: a shop's indexed text includes
its category's and district's names, its services and tags, and the words residents use
for them (directory.synonyms), so changing one of those re-indexes the shops that carry
it, in one pass after the change commits (directory.synonyms.reindex_after_commit)."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from directory.synonyms import reindex_after_commit

# The fields of each reference model that a shop's indexed text holds: saving a row
# without changing them (a category's schema.org type) re-indexes nothing.
INDEXED_FIELDS = {
    "Category": ("name", "search_terms"),
    "District": ("name",),
    "Service": ("name", "search_terms"),
}


def remember_indexed_values(sender, instance, raw=False, **kwargs):
    """Before a reference row is saved, note what its indexed fields held."""
    fields = INDEXED_FIELDS[sender.__name__]
    instance._indexed_before = (
        sender.objects.filter(pk=instance.pk).values_list(*fields).first()
        if instance.pk is not None and not raw
        else None
    )


def reindex_shops_of_reference(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_indexed_before", None)
    if created or raw or before is None:
        return  # a new row has no shops yet
    now = tuple(getattr(instance, field) for field in INDEXED_FIELDS[sender.__name__])
    if now != before:
        reindex_after_commit(instance.shops.values_list("pk", flat=True))


def remember_shops_of_service(sender, instance, **kwargs):
    """Deleting a service deletes its links to shops: note the shops first."""
    instance._shops_before_deletion = list(instance.shops.values_list("pk", flat=True))


def reindex_shops_of_deleted_service(sender, instance, **kwargs):
    reindex_after_commit(getattr(instance, "_shops_before_deletion", ()))


def remember_tag(sender, instance, raw=False, **kwargs):
    """Before a tag's words are saved, note which tag they were for (staff may move
    them to another)."""
    instance._tag_before = (
        sender.objects.filter(pk=instance.pk).values_list("tag_id", flat=True).first()
        if instance.pk is not None and not raw
        else None
    )


def reindex_shops_of_tag(sender, instance, raw=False, **kwargs):
    """A tag's words were added, changed, moved or removed: the shops of the tag (and
    of the one they were for before)."""
    from directory.models import ShopTag

    if raw:
        return
    tags = {instance.tag_id, getattr(instance, "_tag_before", None)} - {None}
    reindex_after_commit(
        ShopTag.objects.filter(tag_id__in=tags).values_list("content_object_id", flat=True)
    )


def connect():
    from directory.models import Category, District, Service, TagSearchTerms

    for model in (Category, District, Service):
        name = model.__name__
        pre_save.connect(remember_indexed_values, sender=model, dispatch_uid=f"remember_{name}")
        post_save.connect(reindex_shops_of_reference, sender=model, dispatch_uid=f"reindex_{name}")
    pre_delete.connect(
        remember_shops_of_service, sender=Service, dispatch_uid="remember_shops_of_service"
    )
    post_delete.connect(
        reindex_shops_of_deleted_service, sender=Service, dispatch_uid="reindex_deleted_service"
    )
    pre_save.connect(remember_tag, sender=TagSearchTerms, dispatch_uid="remember_tag")
    for signal in (post_save, post_delete):
        signal.connect(
            reindex_shops_of_tag,
            sender=TagSearchTerms,
            dispatch_uid=f"reindex_tag_{signal is post_save}",
        )
