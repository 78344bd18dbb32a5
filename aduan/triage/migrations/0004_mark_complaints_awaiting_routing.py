"""Complaints that were waiting for the router before the routing worker existed: submitted,
never suggested, and never moved by anyone (a complaint an agency sent back stays with the
verifiers)."""

from django.db import migrations
from django.db.models import Exists, F, OuterRef


def mark(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Event = apps.get_model("complaints", "Event")
    Suggestion = apps.get_model("triage", "Suggestion")
    moved = Event.objects.filter(complaint=OuterRef("pk")).exclude(from_status="").exclude(
        from_status=F("to_status")
    )
    Complaint.objects.filter(status="submitted").exclude(
        pk__in=Suggestion.objects.values("complaint_id")
    ).exclude(Exists(moved)).update(needs_routing=True)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_routing_queue"),
        ("triage", "0003_suggestion_model_index"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
