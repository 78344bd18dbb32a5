from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0006_routing_queue"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("needs_routing", True)),
                fields=["submitted_at", "id"],
                name="complaint_routing_queue",
            ),
        ),
    ]
