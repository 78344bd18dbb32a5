from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0009_progress_notice_due"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                fields=["status", "progress_notice_due_at"], name="complaint_progress_notice"
            ),
        ),
    ]
