"""Test pages indexed once, in the state the factory leaves them.

A factory builds a page as the editor does: add it to the tree, save a revision,
publish it. Each of those saves re-indexes the page for search (modelsearch) and for
Wagtail's reference index, through the immediate task backend: four search updates and
three reference updates for one page, half of what building a shop costs. Inside
`indexed_once()`, the saves only note what was saved; on leaving, each saved object is
indexed once, by the very tasks the signal handlers would have run. The index ends as
the saves would have left it; only the repetition is gone.

The flag is per thread: a live server's thread (the browser tests) indexes as usual.
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

_state = threading.local()


def _noted(instance, kwargs):
    saved = getattr(_state, "saved", None)
    if saved is None or kwargs.get("raw", False) or instance.pk is None:
        return False
    saved[(instance._meta.app_label, instance._meta.model_name, str(instance.pk))] = instance
    return True


def _search_on_save(instance, **kwargs):
    """Modelsearch's handler, unless the save happens inside `indexed_once`."""
    if not _noted(instance, kwargs):
        post_save_signal_handler(instance, **kwargs)


def _note_any_save(instance, **kwargs):
    _noted(instance, kwargs)


def install():
    """Put `_search_on_save` in place of modelsearch's handler on every indexed model
    (once, at the start of the test session)."""
    for model in index.get_indexed_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(_search_on_save, sender=model)
    # Every model may hold references (Wagtail's own handler listens to all saves).
    post_save.connect(_note_any_save, dispatch_uid="tests.indexing.note_any_save")


@contextmanager
def indexed_once():
    """Index what is saved inside the block once, when it ends (nested blocks: the
    outermost one indexes)."""
    if getattr(_state, "saved", None) is not None:
        yield
        return
    _state.saved = saved = {}
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        del _state.saved
    # The models whose saves the handlers of modelsearch and Wagtail listen to.
    searched = {
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    }
    referenced = set(ReferenceIndex.tracked_models)
    for (app_label, model_name, pk), instance in saved.items():
        if type(instance) in searched:
            insert_or_update_object_task.enqueue(app_label, model_name, pk)
        if type(instance) in referenced:
            update_reference_index_task.enqueue(app_label, model_name, pk)
