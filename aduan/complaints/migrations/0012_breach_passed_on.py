from django.db import migrations, models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

HAND_OVERS = ("transfer", "not_our_authority")


def date_the_hand_overs(apps, schema_editor):
    """A follow-up breach whose complaint is now elsewhere was passed on late: at the first
    hand-over since it was recorded (the figures counted it at `recorded_at` before)."""
    Breach = apps.get_model("complaints", "Breach")
    Event = apps.get_model("complaints", "Event")
    first_hand_over = (
        Event.objects.filter(
            complaint_id=OuterRef("complaint_id"),
            action__in=HAND_OVERS,
            at__gte=OuterRef("recorded_at"),
        )
        .order_by("at")
        .values("at")[:1]
    )
    elsewhere = Q(complaint__agency_id__isnull=True) | ~Q(complaint__agency_id=F("agency_id"))
    Breach.objects.filter(stage="followup").filter(elsewhere).update(
        passed_on_at=Coalesce(Subquery(first_hand_over), F("recorded_at"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0011_masked_notes_stored"),
    ]

    operations = [
        migrations.AddField(
            model_name="breach",
            name="passed_on_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(date_the_hand_overs, migrations.RunPython.noop),
    ]
