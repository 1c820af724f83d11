"""Test pages indexed once, in the state the factory leaves them.

A factory builds a page as the editor does: add it to the tree, save a revision,
publish it. Each of those saves enqueues the re-indexing of the page for search
(modelsearch) and for Wagtail's reference index, and the immediate task backend runs
them on the spot: four search updates and three reference updates for one page, a third
of what building a shop costs. The test settings' task backend is the immediate one,
except inside `indexed_once()`: there, those two tasks are noted, and each distinct one
runs once when the block ends, against the saved rows. The indexes end as the saves
would have left them; only the repetition is gone. Every other task, and every task
outside the block, runs at once as Django's immediate backend runs it.

The block is per thread: a live server's thread (the browser tests) is not affected.
"""

import threading
from contextlib import contextmanager

from django_tasks.backends.immediate import ImmediateBackend

_state = threading.local()

# The tasks a save enqueues to index the saved object (modelsearch.tasks and
# wagtail.tasks), by their import path.
INDEXING_TASKS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}


class TaskBackend(ImmediateBackend):
    """Django's immediate backend, which holds back indexing inside `indexed_once()`."""

    def enqueue(self, task, args, kwargs):
        pending = getattr(_state, "pending", None)
        if pending is None or task.module_path not in INDEXING_TASKS:
            return super().enqueue(task, args, kwargs)
        key = (task.module_path, tuple(args), tuple(sorted(kwargs.items())))
        pending[key] = (task, args, kwargs)
        return None  # the signal handlers that enqueue these ignore the result


@contextmanager
def indexed_once():
    """Run the indexing tasks the saves inside the block enqueue once each, when it
    ends (nested blocks: the outermost one runs them)."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = pending = {}
    try:
        yield
    finally:
        del _state.pending
    for task, args, kwargs in pending.values():
        task.enqueue(*args, **kwargs)
