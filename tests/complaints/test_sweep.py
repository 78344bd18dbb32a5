"""The deadline sweep: warnings, breaches with escalation, auto-close; idempotent."""

from datetime import date, datetime

import pytest
from django.core.management import call_command

from aduan.complaints import sla, workflow
from aduan.complaints.models import Breach, Complaint, Notification
from aduan.complaints.sweep import sweep
from aduan.complaints.workflow import Actor
from aduan.directory import policy
from aduan.directory.models import DeadlinePolicy
from tests.conftest import run_concurrently, submit

MONDAY = datetime(2025, 11, 10, 9, tzinfo=sla.WIB)


def disposed(world, at=MONDAY):
    c = submit(at=at)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=at)
    return c


def recipients(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.mark.django_db
def test_a_warning_goes_to_the_handling_officers_one_working_day_before(world):
    c = disposed(world)  # followup due end of Monday 17 Nov
    assert sweep(at=datetime(2025, 11, 13, 9, tzinfo=sla.WIB)).warned == 0  # Thursday
    assert sweep(at=datetime(2025, 11, 14, 9, tzinfo=sla.WIB)).warned == 1  # Friday
    assert recipients("warning") == {"officer"}
    c.refresh_from_db()
    assert c.warned_at is not None and c.breached_at is None


@pytest.mark.django_db
def test_a_breach_is_recorded_once_and_escalated_to_supervisor_and_verifiers(world):
    c = disposed(world)
    late = datetime(2025, 11, 18, 9, tzinfo=sla.WIB)
    first = sweep(at=late)
    assert first.breached == 1
    assert sweep(at=late).breached == 0  # idempotent
    breach = Breach.objects.get()
    assert (breach.complaint, breach.stage, breach.agency) == (c, "followup", world.roads)
    assert recipients("breach") == {"supervisor", "verifier", "verifier_sby"}
    assert Notification.objects.filter(kind="breach").count() == 3


@pytest.mark.django_db
def test_the_notices_name_the_stage_in_lower_case_mid_sentence(world):
    c = disposed(world)
    sweep(at=datetime(2025, 11, 14, 9, tzinfo=sla.WIB))
    sweep(at=datetime(2025, 11, 18, 9, tzinfo=sla.WIB))
    said = dict(Notification.objects.values_list("kind", "message").distinct())
    tid = c.tracking_id
    assert said == {
        "warning": f"Laporan {tid} mendekati batas waktu tahap tindak lanjut instansi.",
        "breach": f"Laporan {tid} melewati batas waktu tahap tindak lanjut instansi.",
    }


@pytest.mark.django_db
def test_one_sweep_tells_each_complaints_own_people(world):
    # Who hears is worked out once per sweep: complaints of other places and agencies in the
    # same run must still reach their own verifiers, officers and supervisors only.
    roads_sby = disposed(world)
    unit = Actor.staff(world.users.officer)
    delegated = disposed(world)
    workflow.apply(delegated, "delegate", actor=unit, unit=world.roads_unit, at=MONDAY)
    health = submit(at=MONDAY)
    workflow.apply(
        health, "verify", actor=Actor.staff(world.users.verifier), agency=world.health, at=MONDAY
    )
    pacitan = submit(at=MONDAY, region="35.01")  # never verified
    assert sweep(at=datetime(2025, 11, 18, 9, tzinfo=sla.WIB)).breached == 4

    def told(c):
        return set(
            Notification.objects.filter(kind="breach", complaint=c).values_list(
                "recipient__username", flat=True
            )
        )

    assert told(roads_sby) == {"supervisor", "verifier", "verifier_sby"}
    assert told(delegated) == {"supervisor", "verifier", "verifier_sby"}  # the unit's agency's
    assert told(health) == {"verifier", "verifier_sby"}  # the health office has no supervisor
    assert told(pacitan) == {"verifier", "verifier_pacitan"}


@pytest.mark.django_db
def test_an_answer_after_the_deadline_is_a_breach_though_no_sweep_ran_between(world):
    c = disposed(world)  # followup due end of Monday 17 Nov; no sweep runs
    officer = Actor.staff(world.users.officer)
    workflow.apply(
        c, "answer", actor=officer, note="Sudah.", at=datetime(2025, 11, 19, 9, tzinfo=sla.WIB)
    )
    breach = Breach.objects.get()
    assert (breach.stage, breach.agency) == ("followup", world.roads)
    assert breach.due_at == sla.end_of_day(date(2025, 11, 17))
    on_time = disposed(world)
    workflow.apply(on_time, "answer", actor=officer, note="Sudah.", at=MONDAY)
    assert Breach.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["transfer", "not_our_authority"])
def test_a_late_hand_over_is_the_breach_of_who_held_it(world, action):
    c = disposed(world)  # followup due end of Monday 17 Nov; no sweep runs
    late = datetime(2025, 11, 19, 9, tzinfo=sla.WIB)
    to = {"agency": world.health} if action == "transfer" else {}
    workflow.apply(c, action, actor=Actor.staff(world.users.officer), note="Bukan.", at=late, **to)
    assert list(Breach.objects.values_list("stage", "agency")) == [("followup", world.roads.pk)]


@pytest.mark.django_db
def test_a_verification_after_its_deadline_is_a_breach_of_that_stage(world):
    c = submit(at=MONDAY)  # verification due end of Thursday 13 Nov
    late = datetime(2025, 11, 14, 9, tzinfo=sla.WIB)
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=late
    )
    assert Breach.objects.get().stage == "verification"


@pytest.mark.django_db
def test_a_reply_to_the_answer_starts_the_reporters_silence_over(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(
        c, "answer", actor=officer, note="Sudah.", at=datetime(2025, 11, 11, 9, tzinfo=sla.WIB)
    )
    # Closed at the end of Tuesday 25 Nov if the reporter stays silent; a reply on Friday
    # 21 Nov moves that to the end of Friday 5 Dec.
    reply_at = datetime(2025, 11, 21, 9, tzinfo=sla.WIB)
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Belum diperbaiki.", at=reply_at)
    assert sweep(at=datetime(2025, 11, 26, 9, tzinfo=sla.WIB)).auto_closed == 0
    assert sweep(at=datetime(2025, 12, 6, 9, tzinfo=sla.WIB)).auto_closed == 1


@pytest.mark.django_db
def test_an_unverified_complaint_breaches_at_the_verification_stage(world):
    submit(at=MONDAY)  # verification due end of Thursday 13 Nov
    assert sweep(at=datetime(2025, 11, 14, 9, tzinfo=sla.WIB)).breached == 1
    assert Breach.objects.get().stage == "verification"
    assert recipients("breach") == {"verifier", "verifier_sby"}


@pytest.mark.django_db
def test_a_paused_clock_never_breaches(world):
    c = submit(at=MONDAY)  # verification due end of Thursday 13 Nov, had it run
    workflow.apply(c, "hold", actor=Actor.staff(world.users.verifier), note="Alamat?", at=MONDAY)
    assert sweep(at=datetime(2025, 11, 21, tzinfo=sla.WIB)).breached == 0


@pytest.mark.django_db
def test_a_hold_the_reporter_leaves_unanswered_goes_back_to_the_verifier_with_its_clock(world):
    citizen = world.users.citizen
    c = submit(at=MONDAY, reporter=citizen)  # verification due end of Thursday 13 Nov
    workflow.apply(c, "hold", actor=Actor.staff(world.users.verifier), note="Alamat?", at=MONDAY)
    # Ten working days to answer: until the end of Monday 24 Nov.
    assert sweep(at=datetime(2025, 11, 24, 20, tzinfo=sla.WIB)).resumed == 0
    assert sweep(at=datetime(2025, 11, 25, 9, tzinfo=sla.WIB)).resumed == 1
    c.refresh_from_db()
    assert (c.status, c.paused_at) == ("submitted", None)
    # The three days it had, counted from the end of the reporter's time: due Thursday 27 Nov.
    assert c.due_at == sla.end_of_day(date(2025, 11, 27))
    event = c.events.last()
    assert (event.action, event.actor_role, event.actor) == ("reporter_silent", "system", None)
    told = Notification.objects.filter(recipient=citizen, kind="reporter_update")
    assert told.count() == 2  # the hold, and now this
    assert sweep(at=datetime(2025, 11, 25, 10, tzinfo=sla.WIB)).resumed == 0  # once only
    assert sweep(at=datetime(2025, 11, 28, 9, tzinfo=sla.WIB)).breached == 1


@pytest.mark.django_db
def test_an_unanswered_question_of_the_agency_runs_its_clock_again_from_the_reply_deadline(world):
    c = disposed(world)  # followup due end of Monday 17 Nov
    officer = Actor.staff(world.users.officer)
    asked_at = datetime(2025, 11, 11, 9, tzinfo=sla.WIB)
    workflow.apply(c, "accept", actor=officer, at=asked_at)
    workflow.apply(c, "ask_reporter", actor=officer, note="Di sisi mana?", at=asked_at)
    assert workflow.reply_due(c) == sla.end_of_day(date(2025, 11, 25))
    # A sweep that comes late gives the agency no extra days: the clock ran again at the end
    # of Tuesday 25 Nov, with the four working days it had left when it asked; already
    # missed, and recorded as such in the same run.
    late = sweep(at=datetime(2025, 12, 3, 9, tzinfo=sla.WIB))
    assert (late.resumed, late.breached) == (1, 1)
    c.refresh_from_db()
    assert c.status == "in_progress"
    assert c.due_at == sla.end_of_day(date(2025, 12, 1))
    assert workflow.reply_due(c) is None


@pytest.mark.django_db
def test_a_reporter_who_answers_in_time_is_not_passed_over(world):
    c = submit(at=MONDAY)
    workflow.apply(c, "hold", actor=Actor.staff(world.users.verifier), note="Alamat?", at=MONDAY)
    reply_at = datetime(2025, 11, 20, 9, tzinfo=sla.WIB)
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Jl. Jagir 3.", at=reply_at)
    assert sweep(at=datetime(2025, 12, 30, tzinfo=sla.WIB)).resumed == 0
    assert not c.events.filter(action="reporter_silent").exists()


@pytest.mark.django_db
def test_the_time_to_answer_is_the_deadline_policys(world):
    DeadlinePolicy.objects.filter(stage="reporter_reply").update(working_days=2)
    policy.forget()
    c = submit(at=MONDAY)
    workflow.apply(c, "hold", actor=Actor.staff(world.users.verifier), note="Alamat?", at=MONDAY)
    assert sweep(at=datetime(2025, 11, 12, 20, tzinfo=sla.WIB)).resumed == 0  # Wednesday
    assert sweep(at=datetime(2025, 11, 13, 9, tzinfo=sla.WIB)).resumed == 1


@pytest.mark.django_db
def test_an_extension_gives_a_fresh_chance_and_a_new_breach_is_recorded_if_missed(world):
    c = disposed(world)
    sweep(at=datetime(2025, 11, 18, 9, tzinfo=sla.WIB))
    extended_at = datetime(2025, 11, 18, 10, tzinfo=sla.WIB)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "extend", actor=officer, note="Hujan", days=5, at=extended_at)
    assert sweep(at=datetime(2025, 11, 19, 9, tzinfo=sla.WIB)).breached == 0
    assert sweep(at=datetime(2025, 12, 1, 9, tzinfo=sla.WIB)).breached == 1
    assert Breach.objects.count() == 2


@pytest.mark.django_db
def test_sla_sweep_command_reports_what_it_did(world, capsys):
    disposed(world)
    call_command("sla", "sweep")
    assert "breached=1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_parallel_sweepers_never_double_fire(world):
    complaints = [disposed(world) for _ in range(6)]
    answered = disposed(world)
    workflow.apply(
        answered, "answer", actor=Actor.staff(world.users.officer), note="Beres", at=MONDAY
    )
    late = datetime(2025, 12, 15, 9, tzinfo=sla.WIB)
    results = run_concurrently(lambda: sweep(at=late), 4)
    assert sum(r.breached for r in results) == len(complaints)
    assert sum(r.auto_closed for r in results) == 1
    assert Breach.objects.count() == len(complaints)
    assert Complaint.objects.get(pk=answered.pk).status == "closed"
    assert answered.events.filter(action="auto_close").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_sweep_goes_on_through_batches_while_others_write(world, monkeypatch):
    """On SQLite a read left open across the sweep's writes failed the first write after
    another connection's ("database is locked"), and the rest of the run was lost."""
    from aduan.complaints import sweep as sweeping

    complaints = [disposed(world) for _ in range(5)]
    claim, claimed = sweeping._claim, []

    def claim_while_a_citizen_submits(*args, **kwargs):
        claimed.append(claim(*args, **kwargs))
        if len(claimed) == 1:
            run_concurrently(lambda: submit(at=MONDAY), 1)
        return claimed[-1]

    monkeypatch.setattr(sweeping, "_claim", claim_while_a_citizen_submits)
    late = datetime(2025, 12, 15, 9, tzinfo=sla.WIB)
    assert sweep(at=late, batch=2).breached == len(complaints)
    assert Breach.objects.count() == len(complaints)
