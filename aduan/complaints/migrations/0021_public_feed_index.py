from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently

PUBLIC_STATUSES = ["disposed", "in_progress", "awaiting_reporter", "answered", "closed"]


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0020_public_title_unbounded"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(is_confidential=False, status__in=PUBLIC_STATUSES)
                & ~models.Q(status="disposed", routed_by="router"),
                fields=["-submitted_at", "-id"],
                name="complaint_public_feed",
            ),
        ),
    ]
