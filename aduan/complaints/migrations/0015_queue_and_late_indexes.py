from django.db import migrations, models

from aduan.core.migration_ops import AddIndexConcurrently

OPEN = ["submitted", "on_hold", "disposed", "in_progress", "awaiting_reporter", "answered"]
CLOCKED = ["submitted", "disposed", "in_progress"]


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY on PostgreSQL; nothing else in here

    dependencies = [
        ("complaints", "0014_breach_passed_on_index"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=OPEN),
                fields=["due_at", "id"],
                name="complaint_queue_open",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(agency__isnull=False, status__in=OPEN),
                fields=["agency", "due_at", "id"],
                name="complaint_queue_agency",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=OPEN, unit__isnull=False),
                fields=["unit", "agency", "due_at", "id"],
                name="complaint_queue_unit",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(status__in=OPEN),
                fields=["updated_at", "id"],
                name="complaint_queue_updated",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(paused_at__isnull=True, status__in=CLOCKED),
                fields=["due_at", "id"],
                name="complaint_late",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(paused_at__isnull=True, status__in=CLOCKED),
                fields=["agency", "due_at", "id"],
                name="complaint_late_agency",
            ),
        ),
        AddIndexConcurrently(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(
                    breached_at__isnull=True, paused_at__isnull=True, status__in=CLOCKED
                ),
                fields=["due_at"],
                name="complaint_unbreached",
            ),
        ),
    ]
