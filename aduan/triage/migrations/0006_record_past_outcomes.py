"""Outcomes of the suggestions made before they were recorded as people decide: the first
verify of each, and the agency's first decision on each automatic disposal, read back from
the events. In chunks, each in its own transaction, so a large table is not locked for the
whole run. Every write only fills an empty field, so an interrupted run can simply be run
again, and an outcome a new server records meanwhile is never overwritten."""

from django.db import migrations, transaction

# As aduan.triage.outcomes had them when this was written.
KEPT = ("accept", "delegate", "answer")
BOUNCES = ("not_our_authority", "transfer")
CHUNK = 2000


def record(apps, schema_editor):
    Suggestion = apps.get_model("triage", "Suggestion")
    Event = apps.get_model("complaints", "Event")
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table, pk = quote(Suggestion._meta.db_table), quote(Suggestion._meta.pk.column)
    agency, rank, at, verdict = map(
        quote, ("verified_agency", "verified_rank", "verified_at", "agency_verdict")
    )
    # Plain UPDATEs sent as a batch: the ORM's bulk_update builds a CASE per column and row,
    # which took over a millisecond a row.
    fill_verified = (
        f"UPDATE {table} SET {agency} = %s, {rank} = %s, {at} = %s WHERE {pk} = %s AND {at} IS NULL"
    )
    fill_verdict = f"UPDATE {table} SET {verdict} = %s WHERE {pk} = %s AND {verdict} = ''"
    last = 0
    while True:
        with transaction.atomic(using=connection.alias):
            chunk = list(
                Suggestion.objects.filter(pk__gt=last)
                .order_by("pk")
                .only(
                    "complaint_id", "candidates", "auto_disposed", "verified_at", "agency_verdict"
                )[:CHUNK]
            )
            if not chunk:
                return
            last = chunk[-1].pk
            todo = {
                s.complaint_id: s
                for s in chunk
                if s.verified_at is None or (s.auto_disposed and not s.agency_verdict)
            }
            events = Event.objects.filter(
                complaint_id__in=list(todo), action__in=("verify",) + KEPT + BOUNCES
            ).order_by("at", "id")
            verified, verdicts = {}, {}
            for complaint_id, action, when, data in events.values_list(
                "complaint_id", "action", "at", "data"
            ):
                s = todo[complaint_id]
                if action == "verify":
                    if s.verified_at is None and s.pk not in verified:
                        chosen = (data or {}).get("agency", "")
                        codes = [c["agency"] for c in s.candidates]
                        place = codes.index(chosen) + 1 if chosen in codes else 0
                        when = connection.ops.adapt_datetimefield_value(when)
                        verified[s.pk] = (chosen, place, when, s.pk)
                elif s.auto_disposed and not s.agency_verdict and s.pk not in verdicts:
                    verdicts[s.pk] = ("kept" if action in KEPT else "bounced", s.pk)
            with connection.cursor() as cursor:
                if verified:
                    cursor.executemany(fill_verified, list(verified.values()))
                if verdicts:
                    cursor.executemany(fill_verdict, list(verdicts.values()))


class Migration(migrations.Migration):
    atomic = False  # one transaction per chunk

    dependencies = [("triage", "0005_suggestion_outcomes")]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
