from datetime import timedelta

from django.db import migrations, models
from django.db.models import F

UNANSWERED = ("submitted", "on_hold", "disposed", "in_progress", "awaiting_reporter")


def schedule_notices(apps, schema_editor):
    """Every unanswered complaint is next told 30 days after its last notice, or after its
    submission when it had none."""
    Complaint = apps.get_model("complaints", "Complaint")
    unanswered = Complaint.objects.filter(status__in=UNANSWERED)
    unanswered.filter(progress_noticed_at__isnull=True).update(
        progress_notice_due_at=F("submitted_at") + timedelta(days=30)
    )
    unanswered.filter(progress_noticed_at__isnull=False).update(
        progress_notice_due_at=F("progress_noticed_at") + timedelta(days=30)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0008_progress_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="progress_notice_due_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(schedule_notices, migrations.RunPython.noop),
    ]
