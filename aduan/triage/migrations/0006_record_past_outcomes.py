"""Outcomes of the suggestions made before they were recorded as people decide: the first
verify of each, and the agency's first decision on each automatic disposal, read back from
the events. In chunks, each in its own transaction, so a large table is not locked for the
whole run; it only fills what is empty, so an interrupted run can simply be run again."""

from django.db import migrations, transaction

# As aduan.triage.outcomes had them when this was written.
KEPT = ("accept", "delegate", "answer")
BOUNCES = ("not_our_authority", "transfer")
CHUNK = 2000


def record(apps, schema_editor):
    Suggestion = apps.get_model("triage", "Suggestion")
    Event = apps.get_model("complaints", "Event")
    quote = schema_editor.connection.ops.quote_name
    table, pk = quote(Suggestion._meta.db_table), quote(Suggestion._meta.pk.column)
    assignments = ", ".join(
        f"{quote(column)} = %s"
        for column in ("verified_agency", "verified_rank", "verified_at", "agency_verdict")
    )
    last = 0
    while True:
        with transaction.atomic(using=schema_editor.connection.alias):
            chunk = list(Suggestion.objects.filter(pk__gt=last).order_by("pk")[:CHUNK])
            if not chunk:
                return
            last = chunk[-1].pk
            by_complaint = {s.complaint_id: s for s in chunk}
            events = Event.objects.filter(
                complaint_id__in=list(by_complaint), action__in=("verify",) + KEPT + BOUNCES
            ).order_by("at", "id")
            touched = {}
            for complaint_id, action, at, data in events.values_list(
                "complaint_id", "action", "at", "data"
            ):
                s = touched[complaint_id] = by_complaint[complaint_id]
                if action == "verify":
                    if s.verified_at is None:
                        chosen = (data or {}).get("agency", "")
                        codes = [c["agency"] for c in s.candidates]
                        s.verified_agency = chosen
                        s.verified_rank = codes.index(chosen) + 1 if chosen in codes else 0
                        s.verified_at = at
                elif s.auto_disposed and not s.agency_verdict:
                    s.agency_verdict = "kept" if action in KEPT else "bounced"
            # One plain UPDATE per changed row, sent as a batch: the ORM's bulk_update builds
            # a CASE expression per column and row, which took over a millisecond a row.
            rows = [
                (
                    s.verified_agency,
                    s.verified_rank,
                    schema_editor.connection.ops.adapt_datetimefield_value(s.verified_at),
                    s.agency_verdict,
                    s.pk,
                )
                for s in touched.values()
            ]
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", rows)


class Migration(migrations.Migration):
    atomic = False  # one transaction per chunk

    dependencies = [("triage", "0005_suggestion_outcomes")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
