from django.db import migrations
from django.db.models import Case, F, Max, OuterRef, Q, Subquery, When

HAND_OVERS = ("transfer", "not_our_authority")
BATCH = 10_000


def date_the_hand_overs(apps, schema_editor):
    """A follow-up breach whose complaint is now elsewhere was passed on late at the first
    hand-over since it was recorded, unless an answer came first (then it counted as a late
    answer). With no such event at all, at `recorded_at`, where the figures counted it
    before. In batches, each its own transaction: intake and the sweep keep writing
    breaches meanwhile."""
    Breach = apps.get_model("complaints", "Breach")
    Event = apps.get_model("complaints", "Event")
    next_event = Event.objects.filter(
        complaint_id=OuterRef("complaint_id"),
        action__in=(*HAND_OVERS, "answer"),
        at__gte=OuterRef("recorded_at"),
    ).order_by("at", "pk")
    elsewhere = Q(complaint__agency_id__isnull=True) | ~Q(complaint__agency_id=F("agency_id"))
    last = Breach.objects.aggregate(last=Max("pk"))["last"] or 0
    for start in range(0, last + 1, BATCH):
        Breach.objects.filter(pk__gte=start, pk__lt=start + BATCH, stage="followup").filter(
            elsewhere
        ).annotate(
            next_action=Subquery(next_event.values("action")[:1]),
            next_at=Subquery(next_event.values("at")[:1]),
        ).update(
            passed_on_at=Case(
                When(next_action__in=HAND_OVERS, then=F("next_at")),
                When(next_action__isnull=True, then=F("recorded_at")),
                default=None,
            )
        )


class Migration(migrations.Migration):
    atomic = False  # one transaction per batch, not one lock over the whole table

    dependencies = [
        ("complaints", "0012_breach_passed_on"),
    ]

    operations = [
        migrations.RunPython(date_the_hand_overs, migrations.RunPython.noop, atomic=False),
    ]
