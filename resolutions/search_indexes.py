"""Trigram indexes for searches of a word anywhere in a text, on PostgreSQL only.

Such a search matches with ``icontains``, which PostgreSQL runs as
``UPPER("column"::text) LIKE UPPER('%word%')``: a b-tree index cannot serve a
pattern that starts with ``%``, so without an index of its own every row is
read and upper-cased. A pg_trgm GIN index on that same expression finds the
rows holding the word's trigrams (for words of three characters or more), and
PostgreSQL checks each row it finds against the pattern, so the results are
those of a scan. Each app's migrations index the texts its searches read.

The indexes keep no *pending list* (``fastupdate = off``). With one, GIN
puts new rows in an unsorted list that every search reads in full, emptied
only by a ``VACUUM`` or once it holds 4 MB (``gin_pending_list_limit``):
autovacuum comes when a fifth of a table is new, years of the Council's
texts for the paragraphs, so the list holds up to two thousand or so of
them. PostgreSQL counts that list in the index's cost and then prefers to
read and upper-case every row: a search of the benchmark's 54,000
paragraphs took 100 ms where the index answers in 15. Without the list,
each new row goes into the index as it is written: a little slower for a
register written a few rows at a time and searched on every list.

``AddTrigramIndex`` is the migration operation that creates an index;
``TrigramIndexWithoutPendingList`` turns the pending list off on one made
before and empties it. The indexes are not in the models' ``Meta.indexes``:
Django would then create them on every database, SQLite's table rebuilds
included, where GIN and pg_trgm do not exist; the model state does not
change, so ``makemigrations`` finds nothing to do. On SQLite (``make run``,
the tests) the operations do nothing and a search reads every row, as it
always did.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

# pg_trgm's operator class for GIN: ``LIKE``/``ILIKE`` patterns, similarity.
TRIGRAM_OPCLASS = "gin_trgm_ops"


def trigram_indexes(connection: BaseDatabaseWrapper) -> list[str]:
    """The names of the trigram indexes in ``connection``'s schema, sorted; none
    but on PostgreSQL."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            " AND indexdef LIKE %s ORDER BY indexname",
            [f"%{TRIGRAM_OPCLASS}%"],
        )
        return [name for (name,) in cursor.fetchall()]


@contextmanager
def pending_lists_during_bulk_load(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """For the time of a bulk load on ``connection``, the trigram indexes keep a
    pending list, which takes rows in batches: ``generate_load``'s 200 texts
    took 8 s with it and 30 s without. Afterwards, even when the load fails,
    each index has its rows moved in and its pending list turned off again
    (see the module docstring). Nothing changes on other databases."""
    indexes = [connection.ops.quote_name(name) for name in trigram_indexes(connection)]
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(f"ALTER INDEX {index} SET (fastupdate = on)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for index in indexes:
                cursor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def _applies(operation: Operation, schema_editor: BaseDatabaseSchemaEditor, model: Any) -> bool:
    """Whether ``operation`` acts on ``model`` here: on PostgreSQL, where it may migrate."""
    return schema_editor.connection.vendor == "postgresql" and operation.allow_migrate_model(
        schema_editor.connection.alias, model
    )


class AddTrigramIndex(Operation):
    """Creates a GIN index ``name`` on ``UPPER(<column of field_name>::text)``
    with ``gin_trgm_ops`` and no pending list (``fastupdate = off``, see the
    module docstring) on PostgreSQL (the expression Django's ``icontains``
    compares there), and drops it when migrated backwards; does nothing on
    other databases.

    Needs the pg_trgm extension (``TrigramExtension()`` earlier in the same
    app's migrations, or a dependency on one). Leaves the model state as it is.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, field_name: str, name: str) -> None:
        self.model_name = model_name
        self.field_name = field_name
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "field_name": self.field_name, "name": self.name},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Nothing: the index is not part of the model state (see the module docstring)."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if not _applies(self, schema_editor, model):
            return
        quote = schema_editor.quote_name
        column = model._meta.get_field(self.field_name).column
        schema_editor.execute(
            f"CREATE INDEX {quote(self.name)} ON {quote(model._meta.db_table)} "
            f"USING gin ((UPPER({quote(column)}::text)) {TRIGRAM_OPCLASS}) "
            "WITH (fastupdate = off)"
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if _applies(self, schema_editor, model):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self) -> str:
        return (
            f"Create trigram index {self.name} on {self.model_name}.{self.field_name} "
            "(PostgreSQL only)"
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_{self.name.lower()}"


class TrigramIndexWithoutPendingList(Operation):
    """Turns off the pending list of the trigram index ``name`` on ``model_name``
    (``fastupdate = off``, see the module docstring) and moves the rows waiting
    there into the index (``gin_clean_pending_list``: the role that made the
    index may), on PostgreSQL; backwards, gives the index PostgreSQL's default
    back. Does nothing on other databases, and leaves the model state as it is.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "name": self.name},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Nothing: the index is not part of the model state (see the module docstring)."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _applies(self, schema_editor, to_state.apps.get_model(app_label, self.model_name)):
            index = schema_editor.quote_name(self.name)
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
            schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if _applies(self, schema_editor, from_state.apps.get_model(app_label, self.model_name)):
            schema_editor.execute(
                f"ALTER INDEX {schema_editor.quote_name(self.name)} RESET (fastupdate)"
            )

    def describe(self) -> str:
        return f"Turn off the pending list of trigram index {self.name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.name.lower()}_without_pending_list"
