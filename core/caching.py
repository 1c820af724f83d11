"""What the site caches, for how long, and what drops it: one place for every app.

An entry (the navigation, a site's settings, the directory's choices, the shop pages...)
is read through `cached(key, build)` and kept at most STALE_AFTER. Each app says in its
`AppConfig.ready()` which changes drop its entries, with `register(entry, forget,
models=..., pages=...)`: saving or deleting a row of one of `models`, or a page being
published, unpublished, moved or deleted. The registry remembers which models drop
which entry, so a test can walk what a cached page shows (its model's relations) and
fail when one of them is not registered (tests/core/test_cache_registry.py): a field
added to a page cannot leave it stale unnoticed.

Entries made of many keys (every shop's page and card) share a generation: a value in
the cache that is part of each key. Dropping them all is starting a new generation
(`new_generation`); the old keys are then never read again and expire.

Signals drop entries as soon as their data changes, and once more when the transaction
that changed it commits: between the two, another process may read the old rows and keep
them under the new keys (with Redis, for every process). The front cache's purges
(`purge`, core.front_cache) are sent then too, after the entries are dropped, so the page
a front cache asks for again is made from the committed rows.

Signals drop entries only in the cache of the process that made the change. Without a
shared cache (no REDIS_URL: each process has its own memory), a change made elsewhere
-- another server process, `import_shops`, or `publish_scheduled` run by cron -- would
otherwise never reach a running server. The STALE_AFTER bound keeps that staleness to
minutes; with Redis the signals reach every process and the bound only costs a query now
and then.
"""

import threading
from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core import compat, front_cache

STALE_AFTER = 5 * 60  # seconds

# What a page can go through, as `register(pages=...)` names it.
PUBLISHED, UNPUBLISHED, MOVED, DELETED = "published", "unpublished", "moved", "deleted"
PAGE_CHANGES = (PUBLISHED, UNPUBLISHED, MOVED, DELETED)
# What a row can go through, as `register(rows=...)` names it.
SAVED = "saved"
ROW_CHANGES = (SAVED, DELETED)

_registry = {}  # {entry: {model: set of row changes}}
_page_changes = {}  # {entry: set of page changes}


def cached(key, build, timeout=STALE_AFTER):
    """The value kept under `key`, or `build()`'s, then kept for `timeout` seconds.
    None is never kept (it means "not in the cache"): build something else for
    "nothing", such as "" or 0."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value


def generation_key(entry):
    return f"vitrine:{entry}:generation"


def generation(entry):
    """The current generation of `entry`, for its keys: a random value kept until the
    next `new_generation(entry)` (with no expiry, so that it does not turn over by
    itself; the keys made with it expire)."""
    key = generation_key(entry)
    value = cache.get(key)
    if value is None:
        # `add`, not `set`: two processes starting a generation at once agree on one.
        cache.add(key, uuid4().hex, timeout=None)
        value = cache.get(key)
    return value


def new_generation(entry):
    """Drop every key made with `entry`'s generation: the next read starts another."""
    cache.delete(generation_key(entry))


class _AfterCommit:
    """What a transaction's changes drop and purge, done once it commits: the entries'
    receivers again (with the arguments of their last call), then the front cache's
    purges, in one request per cache."""

    def __init__(self):
        self.forgets = {}  # {receiver: keyword arguments}
        self.keys = set()
        self.done = False

    def __call__(self):
        self.done = True
        for forget, kwargs in self.forgets.items():
            forget(**kwargs)
        if self.keys:
            forget_kept_pages(self.keys)
            front_cache.send_purge(self.keys)


# {database alias: the _AfterCommit of its current transaction}, per thread, as Django's
# connections are.
_after_commit = threading.local()


def _pending(connection):
    """The `_AfterCommit` of `connection`'s current transaction, made and given to
    `on_commit` at its first change. One that ran, or that a rollback dropped, is
    replaced."""
    batches = _after_commit.__dict__
    batch = batches.get(connection.alias)
    if batch is None or batch.done or not compat.waits_for_commit(connection, batch):
        batch = batches[connection.alias] = _AfterCommit()
        transaction.on_commit(batch, using=connection.alias)
    return batch


def forget_kept_pages(keys):
    # Imported here: core.page_cache reads STALE_AFTER from this module as it loads.
    from core import page_cache

    page_cache.forget(keys)


def start_new_batch():
    """Make the next change start a batch of its own: for a test that runs the on-commit
    callbacks of a block (`captureOnCommitCallbacks`), which would not run a batch
    registered before it."""
    _after_commit.__dict__.clear()


def purge(keys, using=None):
    """Purge what carries one of `keys` (core.front_cache) from the front caches once the
    current transaction commits (at once outside one), and from Django's page cache
    (core.page_cache) at once and again once it commits."""
    if not keys:
        return
    forget_kept_pages(keys)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        _pending(connection).keys.update(keys)
    else:
        front_cache.send_purge(keys)


def _forget_now_and_after_commit(forget):
    def receiver(**kwargs):
        forget(**kwargs)
        connection = transaction.get_connection(kwargs.get("using"))
        if connection.in_atomic_block:
            _pending(connection).forgets[forget] = kwargs

    return receiver


def register(entry, forget, *, models=(), rows=ROW_CHANGES, pages=(), after_commit=True):
    """Call `forget(**signal arguments)` to drop `entry` whenever a row of one of `models`
    goes through one of `rows` (saved, deleted) and whenever any page goes through one
    of `pages` (published, unpublished, moved, deleted), and again when the transaction
    of the change commits (unless `after_commit` is false: a receiver that only calls
    `purge`, which waits for the commit itself). Receivers get the signal's keyword
    arguments (`sender`, `instance`...), so they can drop only what a change concerns.
    Called from the apps' `ready()`; registering the same thing twice connects it
    once."""
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    name = f"{forget.__module__}.{forget.__qualname__}"
    if after_commit:
        forget = _forget_now_and_after_commit(forget)
    row_signals = {SAVED: post_save, DELETED: post_delete}
    for model in models:
        for change in rows:
            row_signals[change].connect(
                forget,
                sender=model,
                weak=False,
                dispatch_uid=f"caching:{entry}:{name}:{model._meta.label}:{change}",
            )
        _registry.setdefault(entry, {}).setdefault(model, set()).update(rows)
    page_signals = {PUBLISHED: page_published, UNPUBLISHED: page_unpublished, MOVED: post_page_move}
    for change in pages:
        uid = f"caching:{entry}:{name}:page:{change}"
        if change == DELETED:
            # A deleted page of any type deletes its Page row too.
            post_delete.connect(forget, sender=Page, weak=False, dispatch_uid=uid)
        else:
            page_signals[change].connect(forget, weak=False, dispatch_uid=uid)
    _page_changes.setdefault(entry, set()).update(pages)


def registered_models(entry):
    """{model: set of row changes} that drop `entry`."""
    return {model: set(changes) for model, changes in _registry.get(entry, {}).items()}


def registered_page_changes(entry):
    """The page changes (published, unpublished, moved, deleted) that drop `entry`."""
    return set(_page_changes.get(entry, ()))


def relations(model, own_apps):
    """(field name, related model) for each relation of `model` that the apps in
    `own_apps` (app labels) declare: the fields of `model` defined by one of those apps
    (not those inherited from Wagtail's Page, such as its owner or revisions) and the
    relations from those apps' models to `model` (inline rows, links)."""
    found = []
    # Generic relations (private fields) are what Wagtail gives every page: its
    # revisions, workflow states and search index entries.
    private = set(model._meta.private_fields)
    for field in model._meta.get_fields(include_hidden=True):
        if not field.is_relation or field.related_model is None or field in private:
            continue
        reverse = field.auto_created and not field.concrete
        declared_by = field.related_model if reverse else field.model
        if declared_by._meta.app_label in own_apps:
            found.append((field.name, field.related_model))
    return found


class CachedPerSite:
    """A site setting every page reads (mixed in before BaseSiteSetting): `for_site()`
    is cached per site under CACHE_KEY (a format string with `{site_id}`), and
    `forget` drops a site's entry (register it in the app's `ready()`)."""

    CACHE_KEY = None

    @classmethod
    def cache_key(cls, site_id):
        return cls.CACHE_KEY.format(site_id=site_id)

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        load = super().for_site
        return cached(cls.cache_key(site.pk), lambda: load(site))

    @classmethod
    def forget(cls, instance, **kwargs):
        """Drop the cached setting of `instance`'s site (signal receiver)."""
        cache.delete(cls.cache_key(instance.site_id))
