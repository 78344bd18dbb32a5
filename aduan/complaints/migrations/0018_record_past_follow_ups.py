"""Follow-ups posted before they were recorded as `FollowUp` rows, read back from the answer
events, so the figures of past months keep their answers.

The timeline gives the answering handler (the unit the last delegation named, until the
complaint changed hands; the complaint's present unit when that code has since been
renamed), whether an answer was late (a follow-up breach of its agency was recorded after
its holding began, at its disposal, transfer or reopening or its previous answer, and no
later than the answer) and its rating (the next rating event's). The completion deadline
it does not keep: the complaint's present one is taken.

In chunks of complaints, each in its own transaction; a complaint that already has
follow-ups is left alone, so an interrupted run can simply be run again."""

from django.db import migrations, transaction

CHUNK = 2000
# The events after which an agency holds a complaint afresh (aduan.complaints.workflow),
# and those that leave no unit holding it.
HOLDING_STARTS = ("verify", "auto_dispose", "transfer", "reopen", "answer")
UNIT_CLEARED = ("verify", "auto_dispose", "transfer", "not_our_authority")


def record(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Event = apps.get_model("complaints", "Event")
    Breach = apps.get_model("complaints", "Breach")
    FollowUp = apps.get_model("complaints", "FollowUp")
    Agency = apps.get_model("directory", "Agency")
    by_code = dict(Agency.objects.values_list("code", "pk"))
    last = 0
    while True:
        with transaction.atomic(using=schema_editor.connection.alias):
            ids = list(
                Event.objects.filter(action="answer", complaint_id__gt=last)
                .order_by("complaint_id")
                .values_list("complaint_id", flat=True)
                .distinct()[:CHUNK]
            )
            if not ids:
                return
            last = ids[-1]
            done = set(
                FollowUp.objects.filter(complaint_id__in=ids).values_list("complaint_id", flat=True)
            )
            todo = [pk for pk in ids if pk not in done]
            complaints = Complaint.objects.in_bulk(todo)
            timelines: dict[int, list] = {}
            for e in (
                Event.objects.filter(
                    complaint_id__in=todo,
                    action__in=HOLDING_STARTS + UNIT_CLEARED + ("delegate", "rate"),
                )
                .order_by("at", "id")
                .only("complaint_id", "action", "at", "agency_id", "data")
            ):
                timelines.setdefault(e.complaint_id, []).append(e)
            breaches: dict[int, list] = {}
            for complaint_id, agency_id, recorded_at in Breach.objects.filter(
                complaint_id__in=todo, stage="followup"
            ).values_list("complaint_id", "agency_id", "recorded_at"):
                breaches.setdefault(complaint_id, []).append((agency_id, recorded_at))
            rows = []
            for pk in todo:
                c, started, unit, answered = complaints[pk], None, None, None
                for e in timelines.get(pk, []):
                    data = e.data or {}
                    if e.action in UNIT_CLEARED:
                        unit = None
                    elif e.action == "delegate":  # the same holding goes on
                        unit = by_code.get(data.get("unit")) or c.unit_id
                    elif e.action == "rate" and answered is not None:
                        answered.rating = data.get("rating")
                    if e.action == "answer" and e.agency_id is not None:
                        late = any(
                            agency == e.agency_id
                            and (started is None or recorded > started)
                            and recorded <= e.at
                            for agency, recorded in breaches.get(pk, [])
                        )
                        answered = FollowUp(
                            complaint_id=pk,
                            at=e.at,
                            agency_id=e.agency_id,
                            handler_id=unit or e.agency_id,
                            late=late,
                            outcome_due_at=c.outcome_due_at,
                        )
                        rows.append(answered)
                    if e.action in HOLDING_STARTS:
                        started = e.at
            FollowUp.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    atomic = False  # one transaction per chunk

    dependencies = [("complaints", "0017_follow_ups")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop, atomic=False)]
