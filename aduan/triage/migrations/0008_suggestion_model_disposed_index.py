from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [("triage", "0007_suggestion_outcome_indexes")]

    operations = [
        AddIndexConcurrently(
            model_name="suggestion",
            index=models.Index(
                condition=models.Q(("auto_disposed", True)),
                fields=["model_version", "created_at"],
                name="suggestion_model_disposed",
            ),
        ),
    ]
