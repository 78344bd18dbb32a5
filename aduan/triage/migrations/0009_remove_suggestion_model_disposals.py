"""The index 0008 replaces: SQLite could use only its first column for the guard's query."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("triage", "0008_suggestion_model_disposed_index")]

    operations = [
        migrations.RemoveIndex(model_name="suggestion", name="suggestion_model_disposals"),
    ]
