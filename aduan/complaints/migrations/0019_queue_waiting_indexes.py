from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently

WAITING = ["on_hold", "awaiting_reporter", "answered"]


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0018_record_past_follow_ups"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=WAITING),
                fields=["due_at", "id"],
                name="complaint_queue_waiting",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=WAITING, agency__isnull=False),
                fields=["agency", "due_at", "id"],
                name="complaint_waiting_agency",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=WAITING, unit__isnull=False),
                fields=["unit", "agency", "due_at", "id"],
                name="complaint_waiting_unit",
            ),
        ),
    ]
