"""Data migrations: what was waiting for the routing worker, and past suggestions' outcomes."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("complaints", "0005_covering_indexes_for_agency_figures"),
    ("triage", "0003_suggestion_model_index"),
]
AFTER = [("complaints", "0006_routing_queue"), ("triage", "0004_mark_complaints_awaiting_routing")]


def migrate_to(target: list[tuple[str, str]]):
    """Migrate the database to `target`; that state's models. A fresh executor each time:
    its graph must be read again after a move."""
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def create_complaint(apps, tracking_id: str, status: str, at):
    Region = apps.get_model("directory", "Region")
    region, _ = Region.objects.get_or_create(
        code="35.78.04.1002", defaults={"name": "Jagir", "level": 4}
    )
    return apps.get_model("complaints", "Complaint").objects.create(
        tracking_id=tracking_id, kind="pengaduan", title="t", body="b", region=region,
        channel="web", status=status, submitted_at=at, updated_at=at,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def latest_schema_after(transactional_db):
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the schema the other tests expect


def test_only_untouched_waiting_complaints_are_queued_for_routing():
    old = migrate_to(BEFORE)
    Event, Suggestion = old.get_model("complaints", "Event"), old.get_model("triage", "Suggestion")
    now = timezone.now()

    def complaint(tracking_id: str, status: str, *moves: tuple[str, str]):
        c = create_complaint(old, tracking_id, status, now)
        Event.objects.create(complaint=c, at=now, action="submit", to_status="submitted")
        for action, (from_status, to_status) in moves:
            Event.objects.create(
                complaint=c, at=now, action=action, from_status=from_status, to_status=to_status
            )
        return c

    waiting = complaint("LPR-WAITING1", "submitted")
    suggested = complaint("LPR-SUGGEST1", "submitted")
    Suggestion.objects.create(
        complaint=suggested, model_version="v1", confidence=0.5, created_at=now
    )
    sent_back = complaint(
        "LPR-SENTBAK1",
        "submitted",
        ("verify", ("submitted", "disposed")),
        ("not_our_authority", ("disposed", "submitted")),
    )
    disposed = complaint("LPR-DISPOSE1", "disposed", ("verify", ("submitted", "disposed")))

    new = migrate_to(AFTER).get_model("complaints", "Complaint")
    queued = set(new.objects.filter(needs_routing=True).values_list("pk", flat=True))
    assert queued == {waiting.pk}
    assert {suggested.pk, sent_back.pk, disposed.pk}.isdisjoint(queued)


def test_outcomes_of_past_suggestions_are_read_back_from_their_events(monkeypatch):
    before = [("triage", "0005_suggestion_outcomes")]
    after = [("triage", "0006_record_past_outcomes")]
    old = migrate_to(before)
    Event, Suggestion = old.get_model("complaints", "Event"), old.get_model("triage", "Suggestion")
    t0 = timezone.now()

    def suggested(tracking_id: str, auto: bool, *actions: tuple[str, dict]):
        c = create_complaint(old, tracking_id, "disposed", t0)
        for minutes, (action, data) in enumerate(actions, start=1):
            Event.objects.create(
                complaint=c, at=t0 + timedelta(minutes=minutes), action=action, data=data
            )
        candidates = [{"agency": code, "p": 0.3} for code in ("dpu", "dinkes", "kel-jagir")]
        return Suggestion.objects.create(
            complaint=c, model_version="v1", confidence=0.9, created_at=t0,
            candidates=candidates, auto_disposed=auto,
        )  # fmt: skip

    second = suggested(
        "LPR-SECOND01",
        False,
        ("verify", {"agency": "dinkes"}),
        ("not_our_authority", {}),
        ("verify", {"agency": "dpu"}),
    )
    unoffered = suggested("LPR-UNOFFER1", False, ("verify", {"agency": "dishub"}))
    kept = suggested("LPR-KEPT0001", True, ("accept", {}), ("transfer", {"agency": "dinkes"}))
    bounced = suggested(
        "LPR-BOUNCED1", True, ("not_our_authority", {}), ("verify", {"agency": "dpu"})
    )
    waiting = suggested("LPR-WAITING2", True)

    new_apps = migrate_to(after)
    new = new_apps.get_model("triage", "Suggestion")
    fields = ("verified_agency", "verified_rank", "verified_at", "agency_verdict")
    got = {s.pk: s for s in new.objects.all()}

    def outcome(s):
        return tuple(getattr(got[s.pk], f) for f in fields)

    # Only the verifier's first disposal counts, ranked among the router's candidates.
    assert outcome(second) == ("dinkes", 2, t0 + timedelta(minutes=1), "")
    assert outcome(unoffered) == ("dishub", 0, t0 + timedelta(minutes=1), "")
    # The agency's first decision on a disposal: a forward after accepting is not a bounce.
    assert outcome(kept) == ("", None, None, "kept")
    assert outcome(bounced) == ("dpu", 1, t0 + timedelta(minutes=2), "bounced")
    assert outcome(waiting) == ("", None, None, "")

    # Run again in chunks of two, with every outcome cleared but one that a new server
    # recorded meanwhile: only empty fields are filled, so that one stays as it is.
    cleared = {"verified_agency": "", "verified_rank": None, "verified_at": None}
    new.objects.exclude(pk=waiting.pk).update(**cleared, agency_verdict="")
    new.objects.filter(pk=waiting.pk).update(agency_verdict="kept")
    migration = importlib.import_module("aduan.triage.migrations.0006_record_past_outcomes")
    monkeypatch.setattr(migration, "CHUNK", 2)
    with connection.schema_editor(atomic=False) as editor:
        migration.record(new_apps, editor)
    got = {s.pk: s for s in new.objects.all()}
    assert outcome(second) == ("dinkes", 2, t0 + timedelta(minutes=1), "")
    assert outcome(unoffered) == ("dishub", 0, t0 + timedelta(minutes=1), "")
    assert outcome(kept) == ("", None, None, "kept")
    assert outcome(bounced) == ("dpu", 1, t0 + timedelta(minutes=2), "bounced")
    assert outcome(waiting) == ("", None, None, "kept")


def test_unanswered_complaints_are_scheduled_a_progress_notice():
    old = migrate_to([("complaints", "0008_progress_notice")])
    t0 = timezone.now() - timedelta(days=100)
    never = create_complaint(old, "LPR-NEVER001", "in_progress", t0)
    told = create_complaint(old, "LPR-TOLD0001", "awaiting_reporter", t0)
    told.progress_noticed_at = t0 + timedelta(days=61)
    told.save()
    answered = create_complaint(old, "LPR-ANSWER01", "answered", t0)

    new = migrate_to([("complaints", "0010_progress_notice_index")])
    due = dict(
        new.get_model("complaints", "Complaint").objects.values_list("pk", "progress_notice_due_at")
    )
    assert due[never.pk] == t0 + timedelta(days=30)
    assert due[told.pk] == t0 + timedelta(days=91)
    assert due[answered.pk] is None


def test_breaches_passed_on_are_dated_by_their_hand_over():
    old = migrate_to([("complaints", "0011_masked_notes_stored")])
    Agency = old.get_model("directory", "Agency")
    Breach, Event = (old.get_model("complaints", m) for m in ("Breach", "Event"))
    roads, health = (Agency.objects.create(code=c, name=c, kind="dinas") for c in ("pu", "ks"))
    t0 = timezone.now() - timedelta(days=90)

    def late_at_roads(tracking_id: str, *hand_overs: tuple[str, int]):
        c = create_complaint(old, tracking_id, "disposed", t0)
        c.agency = roads
        c.save()
        Breach.objects.create(
            complaint=c, stage="followup", agency=roads, due_at=t0, recorded_at=t0
        )
        for action, days in hand_overs:
            Event.objects.create(
                complaint=c, at=t0 + timedelta(days=days), action=action, to_status="disposed"
            )
            if action in ("transfer", "not_our_authority"):
                c.agency = health if action == "transfer" else None
                c.save()
        return c

    kept = late_at_roads("LPR-KEPT0001")
    transferred = late_at_roads("LPR-TRANSF01", ("transfer", 40), ("transfer", 50))
    returned = late_at_roads("LPR-RETURN01", ("not_our_authority", 20))
    # Answered late, reopened, then transferred on time: a late answer, not a late hand-over.
    answered = late_at_roads("LPR-ANSWERD1", ("answer", 0), ("reopen", 5), ("transfer", 6))
    # Older than the hand-over events: counted where the figures counted it before.
    undated = late_at_roads("LPR-UNDATED1")
    undated.agency = health
    undated.save()

    new = migrate_to([("complaints", "0014_breach_passed_on_index")])
    passed_on = dict(
        new.get_model("complaints", "Breach").objects.values_list("complaint_id", "passed_on_at")
    )
    assert passed_on[kept.pk] is None
    assert passed_on[transferred.pk] == t0 + timedelta(days=40)
    assert passed_on[returned.pk] == t0 + timedelta(days=20)
    assert passed_on[undated.pk] == t0
    assert passed_on[answered.pk] is None


def test_finished_complaints_owe_no_progress_notice():
    old = migrate_to([("complaints", "0015_queue_and_late_indexes")])
    due = timezone.now() + timedelta(days=5)
    kept = {}
    for status in ("in_progress", "answered", "closed", "archived"):
        c = create_complaint(old, f"LPR-{status[:8].upper():0<8}", status, timezone.now())
        c.progress_notice_due_at = due
        c.save()
        kept[status] = c.pk

    new = migrate_to([("complaints", "0016_clear_finished_progress_notices")])
    after = dict(
        new.get_model("complaints", "Complaint").objects.values_list("pk", "progress_notice_due_at")
    )
    assert after[kept["in_progress"]] == due
    assert [after[kept[s]] for s in ("answered", "closed", "archived")] == [None, None, None]
