"""Migration operations for tables that are large and written all day."""

from django.db.migrations.operations import AddIndex


class AddIndexConcurrently(AddIndex):
    """AddIndex that on PostgreSQL builds the index with CREATE INDEX CONCURRENTLY, so intake
    keeps writing while a table of millions of complaints is indexed (a plain CREATE INDEX
    blocks every write for the whole build). Elsewhere a plain AddIndex. The migration that
    uses it must be `atomic = False` (PostgreSQL refuses CONCURRENTLY inside a transaction)
    and hold nothing else, so that a build that failed halfway can simply be run again: the
    invalid index such a failure leaves behind is dropped first."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            name = schema_editor.quote_name(self.index.name)
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
            schema_editor.add_index(model, self.index, concurrently=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index, concurrently=True)
