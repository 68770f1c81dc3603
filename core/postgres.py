"""Migration operations for what only PostgreSQL has (GIN and trigram indexes)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """Raw SQL for PostgreSQL; on other databases (SQLite in development) a no-op."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_indexes(table, trigram_column=None):
    """GIN indexes for a table's stored search vector and, optionally, a trigram column."""
    operations = [
        PostgresOnlySQL(
            f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector);",
            f"DROP INDEX IF EXISTS {table}_search_idx;",
        )
    ]
    if trigram_column:
        operations.append(
            PostgresOnlySQL(
                f"CREATE INDEX {table}_{trigram_column}_trgm_idx ON {table} "
                f"USING gin ({trigram_column} gin_trgm_ops);",
                f"DROP INDEX IF EXISTS {table}_{trigram_column}_trgm_idx;",
            )
        )
    return operations


def vector_indexes(table, *fields):
    """GIN indexes for further search vector columns of a table (one per language)."""
    return [
        PostgresOnlySQL(
            f"CREATE INDEX {table}_{field}_idx ON {table} USING gin ({field});",
            f"DROP INDEX IF EXISTS {table}_{field}_idx;",
        )
        for field in fields
    ]


def drop_trigram_index(table, column):
    """Undoes the trigram index of search_indexes(): search now uses the vocabulary."""
    return PostgresOnlySQL(
        f"DROP INDEX IF EXISTS {table}_{column}_trgm_idx;",
        f"CREATE INDEX {table}_{column}_trgm_idx ON {table} USING gin ({column} gin_trgm_ops);",
    )


def fill_vocabulary(*tables):
    """A migration operation that adds the words of existing rows to the vocabulary."""

    def forwards(apps, schema_editor):
        # Imported when run: the module defines a model.
        from core.searching import collect_search_terms

        if schema_editor.connection.vendor == "postgresql":
            for table in tables:
                # The migrations that use this knew the German vector only.
                collect_search_terms(schema_editor.connection, table, fields=["search_vector"])

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
