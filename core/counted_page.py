"""One page of a queryset's rows in a given order, and all its rows counted by groups,
in one SQL statement.

A listing that shows counts beside its results (the directory's facets) could ask the
database twice: a grouped query for the counts, then the page's query. Each finds the
rows anew, which is most of the work when finding them is (a full-text match, each match
looked up in its tables). Here they are found once: the rows, with the columns the counts
group by and those the order sorts on, are materialised in a common table expression
that the counts and the page both read (`MATERIALIZED`: SQLite 3.35+ and PostgreSQL 12+,
older than Django requires)."""

from django.db import connections
from django.db.models import F

from core import compat

# The kind of each row of the statement's answer (its first column).
_GROUP, _PAGE = 0, 1


def counted_page(queryset, ordering, fields, groups, offset, limit):
    """(page, counts): the `fields` (tuples) of `queryset`'s rows `offset` to
    `offset + limit` in `ordering` (what `order_by` takes: names, "-name", or
    expressions' `asc()` / `desc()`; it must end with a unique key, so that pages do not
    overlap), and [(values of `groups`..., number of rows)] over all its rows. Values
    are what the queryset's `values_list` would give (dates as dates on SQLite too)."""
    sort_keys = [_sort_key(term) for term in ordering]
    sort_names = [f"counted_page_sort_{index}" for index in range(len(sort_keys))]
    rows = queryset.order_by().annotate(
        **{name: key for name, (key, _descending) in zip(sort_names, sort_keys, strict=True)}
    )
    sql, params, converted = compat.compiled_values(rows.values_list(*fields, *groups, *sort_names))
    connection = connections[queryset.db]
    quote = connection.ops.quote_name

    def columns(prefix, count):
        return [quote(f"{prefix}{index}") for index in range(count)]

    field_columns = columns("f", len(fields))
    group_columns = columns("g", len(groups))
    sort_columns = columns("s", len(sort_keys))
    all_columns = ", ".join(field_columns + group_columns + sort_columns)
    rows_table = quote("counted_rows")
    order = ", ".join(
        f"{column} {'DESC' if descending else 'ASC'}"
        for column, (_key, descending) in zip(sort_columns, sort_keys, strict=True)
    )
    groups_only = ", ".join(["NULL"] * len(fields) + group_columns + ["NULL"] * len(sort_columns))
    # Every row of the answer has the CTE's columns (so that the queryset's converters
    # apply), after its kind and before its count (a group) or place (a page's row: a
    # union keeps no order of its own).
    statement = (
        f"WITH {rows_table} ({all_columns}) AS MATERIALIZED ({sql}) "
        f"SELECT {_GROUP}, {groups_only}, COUNT(*) FROM {rows_table} "
        f"GROUP BY {', '.join(group_columns)} "
        "UNION ALL "
        f"SELECT {_PAGE}, {all_columns}, ROW_NUMBER() OVER (ORDER BY {order}) FROM ("
        f"SELECT * FROM {rows_table} ORDER BY {order} LIMIT %s OFFSET %s) AS {quote('page')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, (*params, limit, offset))
        answer = cursor.fetchall()
    values = converted(row[1:-1] for row in answer)
    page, counts = [], []
    for row, value in zip(answer, values, strict=True):
        if row[0] == _PAGE:
            page.append((row[-1], tuple(value[: len(fields)])))
        else:
            counts.append((*value[len(fields) : len(fields) + len(groups)], row[-1]))
    return [found for _place, found in sorted(page, key=lambda item: item[0])], counts


def _sort_key(term):
    """(expression, descending) of one term of an `order_by`."""
    if isinstance(term, str):
        return F(term.removeprefix("-")), term.startswith("-")
    if term.nulls_first or term.nulls_last:
        # Not needed yet; each database's default is what a plain ORDER BY gives.
        raise ValueError("counted_page puts NULLs where the database does by default")
    return term.expression, term.descending
