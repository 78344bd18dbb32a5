"""Finished complaints (answered, closed, archived) owe no progress notice: clear the date
they kept, as the workflow now does, so the sweep's planner sees how few are due."""

from django.db import migrations
from django.db.models import Max

BATCH = 10_000
FINISHED = ("answered", "closed", "archived")


def clear(apps, schema_editor):
    # In batches, each its own transaction: intake and the workflow keep writing meanwhile.
    Complaint = apps.get_model("complaints", "Complaint")
    last = Complaint.objects.aggregate(last=Max("pk"))["last"] or 0
    for start in range(0, last + 1, BATCH):
        Complaint.objects.filter(
            pk__gte=start,
            pk__lt=start + BATCH,
            status__in=FINISHED,
            progress_notice_due_at__isnull=False,
        ).update(progress_notice_due_at=None)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("complaints", "0015_queue_and_late_indexes")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop, atomic=False)]
