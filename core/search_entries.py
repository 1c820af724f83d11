"""Search index entries written in bulk: what Wagtail's search (modelsearch's database
backends) writes for a batch of objects, by a few set-based statements.

modelsearch's PostgreSQL backend builds one Django `SearchVector` expression per text of
each object and compiles them into one statement of thousands of placeholders: for 10,000
shops compiling took longer than PostgreSQL's `to_tsvector`. Here the texts are sent as
a few arrays (one per text of the same kind) and the vectors are built by one
`INSERT … SELECT … FROM unnest(…)`. On SQLite the entries (plain text; its FTS5 table is
filled by modelsearch's triggers) are written by one prepared statement.

Two steps, so that a caller can pay for the indexing before the transaction that makes it
visible: `prepare(model, objs)` works out the entries (on PostgreSQL the server builds
the vectors and hands them back as text: a read, in no transaction in particular), and
`write(prepared)` writes them (a parse of those vectors, and the index's own upkeep). An
entry whose every column is unchanged is not written again. `index(model, objs)` does
both at once, on PostgreSQL in one `INSERT … SELECT` that builds the vectors it writes
(no text handed back and parsed again).

What is indexed comes from the model's declared `search_fields` through modelsearch's own
object indexer (`core.compat`), so a change of the fields changes both alike;
tests/core/test_search_entries.py holds the entries to those modelsearch writes itself.
Backends other than these two get the objects through their own `add_bulk`.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend, get_search_backends_with_name

from core import compat

# Objects per statement: the arrays of a batch, and the ids a lookup names.
CHUNK = 1000


@dataclass
class PreparedEntries:
    """The index entries of some objects of `model`, for each search backend (by its
    name in the settings): rows (in the column order of the backend's writer, the
    object's id second) for the database backends, the objects themselves for any other
    backend."""

    model: type
    rows: dict = field(default_factory=dict)  # {backend name: [row, ...]}
    objects: dict = field(default_factory=dict)  # {backend name: [obj, ...]}


def index(model, objs):
    """Index `objs` (instances of `model`) in every search backend that updates itself,
    as modelsearch's `add_bulk` would. On PostgreSQL the statement that writes the
    entries builds their vectors too, rather than reading them back as text to parse
    again (`prepare` + `write`, for a caller that must pay for them beforehand)."""
    objs = list({obj.pk: obj for obj in objs}.values())  # one entry an object
    if not objs:
        return
    others = PreparedEntries(model)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        kind = compat.database_search_kind(backend)
        if kind == "postgresql":
            index_ = backend.get_index_for_model(model)
            _index_postgres(backend, index_, model, objs)
            _set_title_norms(name, model, index_)
        elif kind == "sqlite":
            others.rows[name] = _sqlite_rows(backend, model, objs)
        else:
            others.objects[name] = objs
    write(others)


def prepare(model, objs):
    """Work out the search index entries of `objs` (instances of `model`, as they will
    be saved) without writing them."""
    prepared = PreparedEntries(model)
    objs = list({obj.pk: obj for obj in objs}.values())  # one entry an object
    if not objs:
        return prepared
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        kind = compat.database_search_kind(backend)
        if kind == "postgresql":
            prepared.rows[name] = _postgres_rows(backend, model, objs)
        elif kind == "sqlite":
            prepared.rows[name] = _sqlite_rows(backend, model, objs)
        else:
            prepared.objects[name] = objs
    return prepared


def combined(model, prepared, pks):
    """One PreparedEntries of `model` with the entries of the objects `pks` found in any
    of `prepared` (several may be the same)."""
    wanted = {str(pk) for pk in pks}
    rows, objects = {}, {}
    for entries in prepared:
        for name, backend_rows in entries.rows.items():
            rows.setdefault(name, {}).update((r[1], r) for r in backend_rows if r[1] in wanted)
        for name, objs in entries.objects.items():
            objects.setdefault(name, {}).update(
                (str(obj.pk), obj) for obj in objs if str(obj.pk) in wanted
            )
    return PreparedEntries(
        model,
        {name: list(by_id.values()) for name, by_id in rows.items()},
        {name: list(by_id.values()) for name, by_id in objects.items()},
    )


def write(prepared):
    """Write the entries `prepare` worked out, replacing those the objects had."""
    for name, rows in prepared.rows.items():
        if not rows:
            continue
        backend = get_search_backend(name)
        index_ = backend.get_index_for_model(prepared.model)
        table = connection.ops.quote_name(index_.entries.model._meta.db_table)
        if compat.database_search_kind(backend) == "postgresql":
            _write_postgres(table, rows)
        else:
            _write_sqlite(index_, table, rows)
        _set_title_norms(name, prepared.model, index_)
    for name, objs in prepared.objects.items():
        if objs:
            get_search_backend(name).add_bulk(prepared.model, objs)


def _set_title_norms(name, model, index_):
    """The title's length against the average, as modelsearch sets it after writing
    (at the end of a `title_norms_deferred` block, in one)."""
    deferred = getattr(_title_norms, "deferred", None)
    if deferred is None:
        compat.refresh_title_norms(index_)
    else:
        deferred[(name, model)] = index_


_title_norms = threading.local()


@contextmanager
def title_norms_deferred():
    """Within the block, writing entries leaves their title norms to be set when it
    ends, once for all of them. Setting them reads every entry of the index (the average
    title length, and the entries still at the default norm: a column no index covers),
    so a command writing a hundred batches would otherwise read the whole index a
    hundred times as it grows. The norms are set on leaving the block normally; if it
    raises, the entries committed keep the default norm until the next write to the
    index sets every such entry's."""
    if getattr(_title_norms, "deferred", None) is not None:
        yield  # an outer block sets them
        return
    _title_norms.deferred = {}
    try:
        yield
        indexes = list(_title_norms.deferred.values())
    finally:
        _title_norms.deferred = None
    for index_ in indexes:
        compat.refresh_title_norms(index_)


# --- PostgreSQL ----------------------------------------------------------------------

_VECTOR_COLUMNS = ("title", "autocomplete", "body")


def _postgres_rows(backend, model, objs):
    """(content type id, object id, title, autocomplete, body, title text, body text) of
    each object, its three vectors worked out by the server (returned as their text)."""
    content_type_id = ContentType.objects.get_for_model(model).pk
    entries = [compat.postgres_entry_texts(backend, obj) for obj in objs]
    vectors = [None] * len(entries)
    for shape, chunk in _chunks_of_a_shape(entries):
        for position, row in zip(
            chunk, _vectors(shape, _configs(backend), entries, chunk), strict=True
        ):
            vectors[position] = row
    return [
        (content_type_id, str(obj.pk), *vectors[position], entry["title_text"], entry["body_text"])
        for position, (obj, entry) in enumerate(zip(objs, entries, strict=True))
    ]


def _index_postgres(backend, index_, model, objs):
    """Write the entries of `objs`, each statement building the vectors of the objects
    of a shape from their texts as `_vectors` does, and upserting them as
    `_write_postgres` does."""
    content_type_id = ContentType.objects.get_for_model(model).pk
    table = connection.ops.quote_name(index_.entries.model._meta.db_table)
    entries = [compat.postgres_entry_texts(backend, obj) for obj in objs]
    for shape, chunk in _chunks_of_a_shape(entries):
        expressions, params, arrays = _vector_expressions(shape, _configs(backend), entries, chunk)
        names = "".join(f", t{number}" for number in range(len(arrays)))
        placeholders = "".join(", %s::text[]" for _ in arrays)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} AS entry (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                SELECT %s, v.object_id, {", ".join(expressions)}, 1.0, v.title_text,
                    v.body_text
                FROM unnest(%s::text[], %s::text[], %s::text[]{placeholders})
                    AS v(object_id, title_text, body_text{names})
                {_UPSERT}
                """,
                [
                    content_type_id,
                    *params,
                    [str(objs[position].pk) for position in chunk],
                    [entries[position]["title_text"] for position in chunk],
                    [entries[position]["body_text"] for position in chunk],
                    *arrays,
                ],
            )


def _configs(backend):
    return {
        "title": backend.config,
        "body": backend.config,
        "autocomplete": backend.autocomplete_config,
    }


def _chunks_of_a_shape(entries):
    """(shape, positions) of at most CHUNK entries that have that shape (each column's
    texts' weights): objects whose columns hold as many texts of the same weights share
    a statement."""
    shapes = {}
    for position, entry in enumerate(entries):
        shape = tuple(tuple(weight for _, weight in entry[name]) for name in _VECTOR_COLUMNS)
        shapes.setdefault(shape, []).append(position)
    for shape, positions in shapes.items():
        for start in range(0, len(positions), CHUNK):
            yield shape, positions[start : start + CHUNK]


def _vectors(shape, configs, entries, positions):
    """The (title, autocomplete, body) vectors, as text, of the entries at `positions`,
    which all have the `shape`: one SELECT of `_vector_expressions`."""
    expressions, params, arrays = _vector_expressions(shape, configs, entries, positions)
    if not arrays:
        return [("", "", "")] * len(positions)
    names = ", ".join(f"t{number}" for number in range(len(arrays)))
    placeholders = ", ".join(["%s::text[]"] * len(arrays))
    sql = (
        f"SELECT {', '.join(f'({expression})::text' for expression in expressions)} "
        f"FROM unnest({placeholders}) WITH ORDINALITY AS v({names}, n) ORDER BY n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *arrays])
        return cursor.fetchall()


def _vector_expressions(shape, configs, entries, positions):
    """The SQL of the (title, autocomplete, body) vectors of the entries at `positions`,
    which all have the `shape` (each column's texts' weights), over columns `v.t0`,
    `v.t1`... of texts, one for each place in the shape; with the parameters the
    expressions take (their configurations, in order) and the arrays of texts of the
    columns. The expression of each column is the one Django's `SearchVector(text,
    config=…, weight=…)`, added together, compiles to in modelsearch's writer; a column
    without text is an empty vector (`EMPTY_VECTOR`)."""
    arrays, params, expressions = [], [], []
    for name, weights in zip(_VECTOR_COLUMNS, shape, strict=True):
        config = configs[name]
        parts = []
        for place, weight in enumerate(weights):
            if weight not in ("A", "B", "C", "D"):  # a literal in the statement
                raise ValueError(f"not a tsvector weight: {weight!r}")
            column = f"t{len(arrays)}"
            arrays.append([entries[position][name][place][0] for position in positions])
            config_sql = "%s::regconfig, " if config else ""
            if config:
                params.append(config)
            parts.append(f"setweight(to_tsvector({config_sql}v.{column}), '{weight}')")
        expressions.append(" || ".join(parts) if parts else "to_tsvector('')")
    return expressions, params, arrays


# The entry of an object already indexed is replaced; one whose every column is already
# so is left alone, as are the index's GIN entries for it.
_UPSERT = """
    ON CONFLICT (content_type_id, object_id) DO UPDATE SET
        title = EXCLUDED.title, title_norm = 1.0,
        autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,
        title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    WHERE (entry.title, entry.autocomplete, entry.body, entry.title_text, entry.body_text)
        IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.autocomplete, EXCLUDED.body,
        EXCLUDED.title_text, EXCLUDED.body_text)
"""


def _write_postgres(table, rows):
    """Upsert the rows, the vectors parsed back from their text (`tsvector` input reads
    exactly what its output wrote); a row whose every column is already so is left
    alone, as are the index's GIN entries for it."""
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        columns = list(zip(*chunk, strict=True))
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} AS entry (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                SELECT v.content_type_id, v.object_id, v.title::tsvector,
                    v.autocomplete::tsvector, v.body::tsvector, 1.0, v.title_text, v.body_text
                FROM unnest(%s::integer[], %s::text[], %s::text[], %s::text[], %s::text[],
                    %s::text[], %s::text[])
                    AS v(content_type_id, object_id, title, autocomplete, body, title_text,
                    body_text)
                {_UPSERT}
                """,
                [list(column) for column in columns],
            )


# --- SQLite --------------------------------------------------------------------------


def _sqlite_rows(backend, model, objs):
    """(content type id, object id, title, autocomplete, body) of each object."""
    content_type_id = ContentType.objects.get_for_model(model).pk
    return [
        (content_type_id, str(obj.pk), *compat.sqlite_entry_texts(backend, obj)) for obj in objs
    ]


def _write_sqlite(index_, table, rows):
    """Replace the objects' entries whose text changed: the old rows deleted (the FTS5
    table follows by modelsearch's triggers), the new ones inserted by one prepared
    statement. (modelsearch updates an existing entry by an UPDATE each.)"""
    current = {}
    by_type = {}
    for row in rows:
        by_type.setdefault(row[0], []).append(row[1])
    with connection.cursor() as cursor:
        for content_type_id, object_ids in by_type.items():
            for start in range(0, len(object_ids), CHUNK):
                chunk = object_ids[start : start + CHUNK]
                cursor.execute(
                    f"SELECT id, object_id, title, autocomplete, body FROM {table} "
                    f"WHERE content_type_id = %s AND object_id IN ({_placeholders(chunk)})",
                    [content_type_id, *chunk],
                )
                for pk, object_id, *texts in cursor.fetchall():
                    current[(content_type_id, object_id)] = (pk, tuple(texts))
        changed = [row for row in rows if current.get(row[:2], (None, None))[1] != tuple(row[2:])]
        stale = [current[row[:2]][0] for row in changed if row[:2] in current]
        for start in range(0, len(stale), CHUNK):
            chunk = stale[start : start + CHUNK]
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN ({_placeholders(chunk)})",
                chunk,
            )
        if changed:
            cursor.executemany(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "
                "title_norm) VALUES (%s, %s, %s, %s, %s, 1.0)",
                changed,
            )


def _placeholders(values):
    return ", ".join(["%s"] * len(values))
