"""The transition table, tried exhaustively, and the rules each step enforces."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from aduan.complaints import sla, workflow
from aduan.complaints.models import Event, Status
from aduan.complaints.workflow import Actor
from aduan.core.errors import DomainError
from tests.conftest import submit

# What the law of the process allows, written out by hand (not derived from STEPS).
LEGAL = {
    "submitted": {"verify", "hold", "archive", "reply", "auto_dispose", "protect"},
    "on_hold": {"verify", "resume", "archive", "reply", "reporter_silent", "protect"},
    "disposed": {
        "not_our_authority", "accept", "delegate", "transfer", "answer", "extend", "reply",
        "protect",
    },
    "in_progress": {
        "not_our_authority", "delegate", "transfer", "ask_reporter", "answer", "extend", "reply",
        "protect",
    },
    "awaiting_reporter": {"answer", "extend", "reply", "reporter_silent", "protect"},
    "answered": {"close", "reply", "rate", "reopen", "auto_close", "protect"},
    "closed": {"rate", "reopen", "protect"},
    "archived": {"protect"},
}  # fmt: skip


def reach(world, status: str):
    """A fresh complaint brought to `status` by legal steps."""
    u = world.users
    c = submit(reporter=u.citizen)
    verifier, officer = Actor.staff(u.verifier), Actor.staff(u.officer)
    path = {
        "submitted": [],
        "on_hold": [("hold", verifier, {"note": "Lengkapi alamat"})],
        "archived": [("archive", verifier, {"reason": "unclear"})],
        "disposed": [("verify", verifier, {"agency": world.roads})],
        "in_progress": [("verify", verifier, {"agency": world.roads}), ("accept", officer, {})],
        "awaiting_reporter": [
            ("verify", verifier, {"agency": world.roads}),
            ("accept", officer, {}),
            ("ask_reporter", officer, {"note": "Di sisi mana jalannya?"}),
        ],
        "answered": [
            ("verify", verifier, {"agency": world.roads}),
            ("answer", officer, {"note": "Sudah ditambal pada 3 Mei."}),
        ],
        "closed": [
            ("verify", verifier, {"agency": world.roads}),
            ("answer", officer, {"note": "Sudah ditambal pada 3 Mei."}),
            ("close", officer, {}),
        ],
    }[status]
    for action, actor, kwargs in path:
        workflow.apply(c, action, actor=actor, **kwargs)
    assert c.status == status
    return c


def attempt(world, action: str):
    """The actor and inputs a legitimate attempt at `action` would bring."""
    u = world.users
    later = timezone.now() + timedelta(days=60)
    return {
        "verify": (Actor.staff(u.verifier), {"agency": world.roads}),
        "hold": (Actor.staff(u.verifier), {"note": "Lengkapi alamat"}),
        "resume": (Actor.staff(u.verifier), {}),
        "archive": (Actor.staff(u.verifier), {"reason": "too_general", "note": "Terlalu umum"}),
        "protect": (Actor.staff(u.verifier), {"mark_confidential": True}),
        "not_our_authority": (Actor.staff(u.officer), {"note": "Jalan nasional"}),
        "accept": (Actor.staff(u.officer), {}),
        "delegate": (Actor.staff(u.officer), {"unit": world.roads_unit}),
        "transfer": (Actor.staff(u.officer), {"agency": world.health, "note": "Soal puskesmas"}),
        "ask_reporter": (Actor.staff(u.officer), {"note": "Mohon foto lokasi"}),
        "answer": (Actor.staff(u.officer), {"note": "Sudah diperbaiki."}),
        "extend": (Actor.staff(u.officer), {"note": "Menunggu anggaran", "days": 3}),
        "close": (Actor.staff(u.officer), {}),
        "reply": (Actor.reporter(u.citizen), {"note": "Lokasinya di depan pos ronda."}),
        "rate": (Actor.reporter(u.citizen), {"rating": 4}),
        "reopen": (Actor.reporter(u.citizen), {"note": "Lubangnya muncul lagi."}),
        "auto_dispose": (Actor.router("test-1"), {"agency": world.roads, "confidence": 0.97}),
        "auto_close": (Actor.system(), {"at": later}),
        "reporter_silent": (Actor.system(), {"at": later}),
    }[action]


def test_the_legal_table_covers_every_status_and_action():
    assert set(LEGAL) == set(Status.values)
    assert set().union(*LEGAL.values()) == set(workflow.STEPS)


@pytest.mark.parametrize("status", list(LEGAL))
@pytest.mark.parametrize("action", list(workflow.STEPS))
def test_every_status_action_pair_is_allowed_exactly_when_the_table_says(world, status, action):
    c = reach(world, status)
    events_before = Event.objects.filter(complaint=c).count()
    actor, kwargs = attempt(world, action)
    if action in LEGAL[status]:
        workflow.apply(c, action, actor=actor, **kwargs)
        c.refresh_from_db()
        assert Event.objects.filter(complaint=c).count() == events_before + 1
        last = Event.objects.filter(complaint=c).last()
        assert (last.action, last.from_status, last.to_status) == (action, status, c.status)
    else:
        with pytest.raises(DomainError) as error:
            workflow.apply(c, action, actor=actor, **kwargs)
        assert (error.value.code, error.value.status) == ("illegal_transition", 409)
        c.refresh_from_db()
        assert c.status == status
        assert Event.objects.filter(complaint=c).count() == events_before


def test_an_illegal_action_is_named_in_words_and_its_code_is_kept_for_machines(world):
    c = reach(world, "in_progress")
    actor, kwargs = attempt(world, "rate")
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "rate", actor=actor, **kwargs)
    assert error.value.code == "illegal_transition"
    assert error.value.message == (
        "Penilaian tidak dapat dilakukan: laporan berstatus Sedang diproses."
    )
    with translation.override("en"), pytest.raises(DomainError) as error:
        workflow.apply(c, "rate", actor=actor, **kwargs)
    assert error.value.message == "Rating is not possible: the report's status is In progress."


@pytest.mark.parametrize(
    "status, action, who",
    [
        ("submitted", "verify", "officer"),
        ("submitted", "verify", "verifier_pacitan"),
        ("submitted", "verify", "oversight"),
        ("submitted", "verify", "citizen"),
        ("disposed", "accept", "other_officer"),
        ("disposed", "accept", "verifier"),
        ("disposed", "answer", "oversight"),
        ("in_progress", "transfer", "other_officer"),
        ("answered", "rate", "officer"),
        ("answered", "reopen", "verifier"),
    ],
)
def test_the_wrong_actor_is_refused_and_nothing_changes(world, status, action, who):
    c = reach(world, status)
    _, kwargs = attempt(world, action)
    with pytest.raises(DomainError) as error:
        workflow.apply(c, action, actor=Actor.staff(getattr(world.users, who)), **kwargs)
    assert error.value.status == 403
    c.refresh_from_db()
    assert c.status == status


def test_a_regional_verifier_may_dispose_complaints_in_their_region(world):
    c = submit()
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier_sby), agency=world.roads)
    assert c.status == Status.DISPOSED and c.agency == world.roads


def test_an_officer_of_a_unit_acts_on_what_was_delegated_to_it(world):
    c = reach(world, "in_progress")
    workflow.apply(c, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit)
    workflow.apply(
        c, "answer", actor=Actor.staff(world.users.unit_officer), note="Ditambal hari ini."
    )
    assert c.status == Status.ANSWERED


def test_delegating_outside_the_agency_is_refused_with_a_field_error(world):
    c = reach(world, "in_progress")
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "delegate", actor=Actor.staff(world.users.officer), unit=world.health)
    assert error.value.status == 422 and "unit" in error.value.fields


def test_transfer_needs_a_reason_and_starts_a_new_clock_at_the_new_agency(world):
    c = reach(world, "in_progress")
    officer = Actor.staff(world.users.officer)
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "transfer", actor=officer, agency=world.health)
    assert "note" in error.value.fields
    at = datetime(2025, 11, 10, 9, tzinfo=sla.WIB)
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Soal RS", at=at)
    assert (c.status, c.agency, c.routed_by) == (Status.DISPOSED, world.health, "agency")
    assert c.due_at == sla.deadline(at, 5)


def test_deadline_can_be_extended_twice_and_no_more(world):
    c = reach(world, "in_progress")
    officer = Actor.staff(world.users.officer)
    first_due = c.due_at
    workflow.apply(c, "extend", actor=officer, note="Menunggu material", days=2)
    workflow.apply(c, "extend", actor=officer, note="Cuaca buruk", days=5)
    assert c.due_at == sla.extend(sla.extend(first_due, 2), 5)
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "extend", actor=officer, note="Lagi")
    assert error.value.code == "extension_limit"
    assert c.extensions == 2


def test_extension_longer_than_policy_is_refused(world):
    c = reach(world, "in_progress")
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "extend", actor=Actor.staff(world.users.officer), note="x", days=30)
    assert "days" in error.value.fields


def test_asking_the_reporter_pauses_the_clock_and_the_reply_resumes_it(world):
    c = reach(world, "in_progress")
    due = c.due_at
    asked = datetime(2025, 11, 7, 10, tzinfo=sla.WIB)  # Friday
    replied = datetime(2025, 11, 12, 10, tzinfo=sla.WIB)  # Wednesday: Mon-Wed paused
    workflow.apply(
        c, "ask_reporter", actor=Actor.staff(world.users.officer), note="Foto?", at=asked
    )
    assert c.paused_at == asked
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Terlampir.", at=replied)
    assert c.status == Status.IN_PROGRESS and c.paused_at is None
    assert c.due_at == sla.extend(due, 3)


def test_rating_closes_the_complaint_and_can_only_be_given_once(world):
    c = reach(world, "answered")
    workflow.apply(c, "rate", actor=Actor.reporter(), rating=5)
    assert (c.status, c.rating) == (Status.CLOSED, 5)
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "rate", actor=Actor.reporter(), rating=1)
    assert error.value.code == "already_rated"


def test_rating_outside_one_to_five_is_a_field_error(world):
    c = reach(world, "answered")
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "rate", actor=Actor.reporter(), rating=6)
    assert "rating" in error.value.fields


def test_reopen_after_window_is_refused(world):
    c = reach(world, "answered")
    late = c.answered_at + timedelta(days=30)
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum beres", at=late)
    assert error.value.code == "reopen_window_passed"


def test_reopening_is_offered_only_while_it_can_be_done(world):
    c = reach(world, "answered")
    assert "reopen" in workflow.available_actions(c, Actor.reporter())
    c.answered_at -= timedelta(days=60)
    assert "reopen" not in workflow.available_actions(c, Actor.reporter())


def test_reopen_within_window_returns_it_to_the_agency_with_a_new_deadline(world):
    c = reach(world, "closed")
    at = c.answered_at + timedelta(days=2)
    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum beres", at=at)
    assert (c.status, c.agency) == (Status.IN_PROGRESS, world.roads)
    assert c.due_at == sla.deadline(at, 5)


def test_reopening_returns_to_the_agency_when_the_unit_has_moved_out_of_it(world):
    c = reach(world, "in_progress")
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "delegate", actor=officer, unit=world.roads_unit)
    workflow.apply(c, "answer", actor=officer, note="Sudah ditambal.")
    workflow.apply(c, "close", actor=officer)
    world.roads_unit.parent = world.health  # closed work does not hold a move back
    world.roads_unit.full_clean()
    world.roads_unit.save()
    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum beres")
    assert (c.agency, c.unit) == (world.roads, None)


def test_reopening_keeps_the_unit_it_was_delegated_to(world):
    c = reach(world, "in_progress")
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "delegate", actor=officer, unit=world.roads_unit)
    workflow.apply(c, "answer", actor=officer, note="Sudah ditambal.")
    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum beres")
    assert c.unit == world.roads_unit


def test_auto_close_before_the_deadline_is_refused(world):
    c = reach(world, "answered")
    with pytest.raises(DomainError) as error:
        workflow.apply(c, "auto_close", actor=Actor.system())
    assert error.value.code == "not_due"


def test_not_our_authority_returns_it_to_the_verifiers(world):
    c = reach(world, "disposed")
    workflow.apply(c, "not_our_authority", actor=Actor.staff(world.users.officer), note="Provinsi")
    assert (c.status, c.agency, c.unit) == (Status.SUBMITTED, None, None)


def test_verifier_may_set_privacy_flags_and_the_change_is_on_the_timeline(world):
    c = submit()
    workflow.apply(
        c,
        "verify",
        actor=Actor.staff(world.users.verifier),
        agency=world.roads,
        mark_anonymous=True,
        mark_confidential=True,
    )
    assert c.is_anonymous and c.is_confidential
    event = c.events.get(action="verify")
    assert event.data["marked_anonymous"] and event.data["marked_confidential"]


def test_a_verifier_protects_a_complaint_already_at_an_agency(world):
    c = reach(world, "in_progress")
    verifier = Actor.staff(world.users.verifier)
    workflow.apply(c, "protect", actor=verifier, mark_confidential=True, note="Ada ancaman.")
    assert c.is_confidential and not c.is_anonymous and c.status == Status.IN_PROGRESS
    event = c.events.last()
    assert (event.action, event.data["marked_confidential"], event.note) == (
        "protect", True, "Ada ancaman.",
    )  # fmt: skip
    with pytest.raises(DomainError) as nothing_new:
        workflow.apply(c, "protect", actor=verifier, mark_confidential=True)
    assert "mark_anonymous" in nothing_new.value.fields
    workflow.apply(c, "protect", actor=verifier, mark_anonymous=True)
    assert "protect" not in workflow.available_actions(c, verifier)  # nothing left to set


@pytest.mark.parametrize("mark", ["mark_anonymous", "mark_confidential"])
def test_an_officer_asking_for_a_privacy_mark_is_refused_not_ignored(world, mark):
    c = reach(world, "disposed")
    with pytest.raises(DomainError) as refused:
        workflow.apply(c, "accept", actor=Actor.staff(world.users.officer), **{mark: True})
    assert refused.value.status == 422 and mark in refused.value.fields
    c.refresh_from_db()
    assert c.status == Status.DISPOSED and not (c.is_anonymous or c.is_confidential)


def test_an_action_writes_only_the_columns_it_changed(world):
    c = reach(world, "disposed")
    with CaptureQueriesContext(connection) as queries:
        workflow.apply(c, "accept", actor=Actor.staff(world.users.officer))
    (update,) = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "complaints_complaint"')]
    assert '"status"' in update and '"updated_at"' in update
    assert '"body"' not in update and '"title"' not in update  # 20,000 characters, unchanged
    c.refresh_from_db()
    assert c.status == Status.IN_PROGRESS


def test_router_disposal_records_model_version_and_confidence(world):
    c = submit()
    workflow.apply(
        c, "auto_dispose", actor=Actor.router("2026.11-abc"), agency=world.roads, confidence=0.98
    )
    assert (c.routed_by, c.route_model_version, c.route_confidence) == (
        "router",
        "2026.11-abc",
        0.98,
    )
    assert c.events.last().actor_role == "router"


def test_a_late_hand_over_of_a_complaint_with_no_disposal_time_is_dated(world):
    # Rows loaded or cloned outside the workflow may lack disposed_at.
    verifier, officer = Actor.staff(world.users.verifier), Actor.staff(world.users.officer)
    now = timezone.now()
    c = submit(at=now - timedelta(days=30))
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=now - timedelta(days=30))
    type(c).objects.filter(pk=c.pk).update(disposed_at=None)
    c.refresh_from_db()
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Bukan jalan.")
    (breach,) = c.breaches.all()
    assert (breach.agency_id, breach.passed_on_at) == (world.roads.pk, c.updated_at)


def test_the_reporter_is_told_in_the_first_language_whatever_the_officers_page_was_in(world):
    from django.utils import translation

    from aduan.complaints.models import Notification

    c = reach(world, "in_progress")
    with translation.override("en"):
        workflow.apply(c, "ask_reporter", actor=Actor.staff(world.users.officer), note="Foto?")
    told = Notification.objects.filter(recipient=world.users.citizen).latest("pk")
    assert told.message == f"Laporan {c.tracking_id}: {Status.AWAITING_REPORTER.label}"
    assert "Menunggu" in told.message
