"""Trigram indexes for searches of a word anywhere in a text, on PostgreSQL only.

Such a search matches with ``icontains``, which PostgreSQL runs as
``UPPER("column"::text) LIKE UPPER('%word%')``: a b-tree index cannot serve a
pattern that starts with ``%``, so without an index of its own every row is
read and upper-cased. A pg_trgm GIN index on that same expression finds the
rows holding the word's trigrams (for words of three characters or more), and
PostgreSQL checks each row it finds against the pattern, so the results are
those of a scan. Each app's migrations index the texts its searches read.

``AddTrigramIndex`` is the migration operation that creates one. The indexes
are not in the models' ``Meta.indexes``: Django would then create them on
every database, SQLite's table rebuilds included, where GIN and pg_trgm do
not exist; the model state does not change, so ``makemigrations`` finds
nothing to do. On SQLite (``make run``, the tests) the operation does nothing
and a search reads every row, as it always did.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

# pg_trgm's operator class for GIN: ``LIKE``/``ILIKE`` patterns, similarity.
TRIGRAM_OPCLASS = "gin_trgm_ops"


class AddTrigramIndex(Operation):
    """Creates a GIN index ``name`` on ``UPPER(<column of field_name>::text)``
    with ``gin_trgm_ops`` on PostgreSQL (the expression Django's ``icontains``
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
        if not self._applies(schema_editor, model):
            return
        quote = schema_editor.quote_name
        column = model._meta.get_field(self.field_name).column
        schema_editor.execute(
            f"CREATE INDEX {quote(self.name)} ON {quote(model._meta.db_table)} "
            f"USING gin ((UPPER({quote(column)}::text)) {TRIGRAM_OPCLASS})"
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if self._applies(schema_editor, model):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def _applies(self, schema_editor: BaseDatabaseSchemaEditor, model: Any) -> bool:
        return schema_editor.connection.vendor == "postgresql" and self.allow_migrate_model(
            schema_editor.connection.alias, model
        )

    def describe(self) -> str:
        return (
            f"Create trigram index {self.name} on {self.model_name}.{self.field_name} "
            "(PostgreSQL only)"
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_{self.name.lower()}"
