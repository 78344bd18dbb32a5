"""A clock stopped, moved or handed on keeps the record of the deadline it had: lateness is
recorded whatever happens next, and every agency that receives a complaint gets its own
deadlines."""

from datetime import date, datetime

import pytest

from aduan.complaints import sla, workflow
from aduan.complaints.models import Breach
from aduan.complaints.sweep import sweep
from aduan.complaints.workflow import Actor
from tests.conftest import submit

pytestmark = pytest.mark.django_db

MONDAY = datetime(2025, 11, 10, 9, tzinfo=sla.WIB)  # verification due Thu 13, follow-up Mon 17


def at(day: int) -> datetime:
    return datetime(2025, 11, day, 9, tzinfo=sla.WIB)


def disposed(world):
    c = submit(at=MONDAY)
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=MONDAY
    )
    return c


def breaches():
    return list(Breach.objects.values_list("stage", "agency", "due_at"))


def test_an_extension_taken_after_the_deadline_keeps_the_breach(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "extend", actor=officer, note="Menunggu material", days=5, at=at(18))
    workflow.apply(c, "answer", actor=officer, note="Sudah.", at=at(18))
    assert breaches() == [("followup", world.roads.pk, sla.end_of_day(date(2025, 11, 17)))]


def test_a_hold_after_the_verification_deadline_keeps_the_breach(world):
    c = submit(at=MONDAY)
    verifier = Actor.staff(world.users.verifier)
    workflow.apply(c, "hold", actor=verifier, note="Alamat?", at=at(17))
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=at(18))
    assert breaches() == [("verification", None, sla.end_of_day(date(2025, 11, 13)))]


def test_asking_the_reporter_after_the_deadline_keeps_the_breach(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "accept", actor=officer, at=MONDAY)
    workflow.apply(c, "ask_reporter", actor=officer, note="Foto?", at=at(19))
    sweep(at=datetime(2025, 12, 30, 9, tzinfo=sla.WIB))  # the reporter never answers
    assert breaches() == [("followup", world.roads.pk, sla.end_of_day(date(2025, 11, 17)))]


def test_an_archive_after_the_verification_deadline_is_a_breach(world):
    c = submit(at=MONDAY)
    verifier = Actor.staff(world.users.verifier)
    workflow.apply(c, "archive", actor=verifier, reason="unclear", at=at(18))
    assert [stage for stage, _agency, _due in breaches()] == ["verification"]


def test_a_resumed_clock_is_warned_again_before_its_new_deadline(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "accept", actor=officer, at=MONDAY)
    assert sweep(at=at(14)).warned == 1
    workflow.apply(c, "ask_reporter", actor=officer, note="Foto?", at=at(14))
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Terlampir.", at=at(19))
    c.refresh_from_db()
    assert c.due_at == sla.end_of_day(date(2025, 11, 20))
    assert sweep(at=datetime(2025, 11, 19, 10, tzinfo=sla.WIB)).warned == 1


def test_a_transfer_gives_the_new_agency_the_deadlines_a_fresh_disposal_would(world):
    officer, verifier = Actor.staff(world.users.officer), Actor.staff(world.users.verifier)
    transferred, returned = disposed(world), disposed(world)
    workflow.apply(transferred, "extend", actor=officer, note="Survei", days=2, at=MONDAY)
    workflow.apply(
        transferred, "transfer", actor=officer, agency=world.health, note="RS", at=at(13)
    )
    workflow.apply(returned, "not_our_authority", actor=officer, note="RS", at=at(13))
    workflow.apply(returned, "verify", actor=verifier, agency=world.health, at=at(13))
    assert transferred.due_at == returned.due_at
    assert transferred.outcome_due_at == returned.outcome_due_at
    assert transferred.extensions == 1  # the complaint's two, not renewed by passing it on


def test_a_reopened_complaint_gets_a_new_completion_deadline(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "answer", actor=officer, note="Sudah ditambal.", at=at(12))
    reopened_at = datetime(2025, 11, 14, 9, tzinfo=sla.WIB)
    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum.", at=reopened_at)
    days = workflow._days_for(c, "outcome")
    assert c.outcome_due_at == sla.deadline(reopened_at, days)


def test_only_the_verifier_sets_the_category(world):
    from aduan.directory.models import Category

    c = disposed(world)
    other = Category.objects.exclude(pk=c.category_id).filter(is_active=True).first()
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="RS", category=other)
    c.refresh_from_db()
    assert c.category_id != other.pk


def test_a_reporter_hears_of_progress_every_thirty_days_until_the_answer(world):
    from aduan.complaints.models import Notification

    c = submit(reporter=world.users.citizen, at=MONDAY)
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=MONDAY
    )
    told = Notification.objects.filter(recipient=world.users.citizen, kind="reporter_update")
    before = told.count()
    assert sweep(at=datetime(2025, 12, 9, 9, tzinfo=sla.WIB)).progress_noticed == 0  # day 29
    assert sweep(at=datetime(2025, 12, 11, 9, tzinfo=sla.WIB)).progress_noticed == 1
    assert sweep(at=datetime(2025, 12, 12, 9, tzinfo=sla.WIB)).progress_noticed == 0
    assert told.count() == before + 1 and c.tracking_id in told.last().message
    assert sweep(at=datetime(2026, 1, 10, 9, tzinfo=sla.WIB)).progress_noticed == 1
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note="Beres.")
    assert sweep(at=datetime(2026, 3, 1, 9, tzinfo=sla.WIB)).progress_noticed == 0
    c.refresh_from_db()
    assert c.progress_notice_due_at is None  # nothing due: the sweep's index stays small


def test_a_reopened_complaint_is_next_noticed_thirty_days_after_reopening(world):
    c = submit(reporter=world.users.citizen, at=MONDAY)
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=MONDAY
    )
    answered = datetime(2026, 1, 5, 9, tzinfo=sla.WIB)  # the 30-day notice fell before it
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note="Beres.", at=answered)
    reopened = datetime(2026, 1, 6, 9, tzinfo=sla.WIB)
    workflow.apply(c, "reopen", actor=Actor.reporter(), note="Belum beres.", at=reopened)
    assert sweep(at=datetime(2026, 1, 7, 9, tzinfo=sla.WIB)).progress_noticed == 0
    assert sweep(at=datetime(2026, 2, 6, 9, tzinfo=sla.WIB)).progress_noticed == 1


def test_a_late_pause_and_its_resumption_are_one_breach(world):
    c = disposed(world)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "accept", actor=officer, at=MONDAY)
    workflow.apply(c, "ask_reporter", actor=officer, note="Foto?", at=at(19))  # two days late
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Terlampir.", at=at(20))
    c.refresh_from_db()
    assert c.due_at < at(20)  # the paused day added back: still past
    assert sweep(at=at(20)).breached == 0  # recorded once, when it was paused
    assert breaches() == [("followup", world.roads.pk, sla.end_of_day(date(2025, 11, 17)))]


def test_passing_a_complaint_round_does_not_renew_its_two_extensions(world):
    from aduan.core.errors import DomainError

    c = disposed(world)
    roads, health = Actor.staff(world.users.officer), Actor.staff(world.users.other_officer)
    workflow.apply(c, "extend", actor=roads, note="Survei", days=5, at=at(11))
    workflow.apply(c, "extend", actor=roads, note="Material", days=5, at=at(12))
    workflow.apply(c, "transfer", actor=roads, agency=world.health, note="RS?", at=at(12))
    workflow.apply(c, "transfer", actor=health, agency=world.roads, note="Jalan.", at=at(13))
    with pytest.raises(DomainError) as refused:
        workflow.apply(c, "extend", actor=roads, note="Lagi", days=5, at=at(14))
    assert refused.value.code == "extension_limit"


def test_a_reporter_the_agency_waits_on_is_asked_to_reply_not_to_wait(world):
    from aduan.complaints.models import Notification

    c = submit(reporter=world.users.citizen, at=MONDAY)
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=MONDAY
    )
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "accept", actor=officer, at=MONDAY)
    # Asked within the reporter's ten working days of the 30-day notice (Wednesday 10 Dec).
    asked_at = datetime(2025, 12, 1, 9, tzinfo=sla.WIB)
    workflow.apply(c, "ask_reporter", actor=officer, note="Mohon kirim foto.", at=asked_at)
    assert sweep(at=datetime(2025, 12, 11, 9, tzinfo=sla.WIB)).progress_noticed == 1
    notice = Notification.objects.filter(recipient=world.users.citizen).latest("pk")
    assert "menunggu keterangan dari Anda" in notice.message


def test_a_clock_stopped_after_its_deadline_comes_back_late_and_is_breached_once(world):
    c = submit(at=at(7))  # Friday: the follow-up is due at the end of Friday the 14th
    workflow.apply(
        c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads, at=at(7)
    )
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "accept", actor=officer, at=at(7))
    workflow.apply(c, "ask_reporter", actor=officer, note="Di mana?", at=at(15))  # Saturday
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Di depan SD.", at=at(18))
    assert sla.local_date(c.due_at) == date(2025, 11, 14)  # no days were owed
    sweep(at=at(19))
    assert len(breaches()) == 1


def test_a_reply_after_the_reporters_time_resumes_the_clock_from_the_end_of_that_time(world):
    asked, silent = disposed(world), disposed(world)
    officer = Actor.staff(world.users.officer)
    for c in (asked, silent):
        workflow.apply(c, "accept", actor=officer, at=at(10))
        # Four working days of the follow-up left (12, 13, 14 and 17 November).
        workflow.apply(c, "ask_reporter", actor=officer, note="Foto?", at=at(11))
    assert sla.local_date(workflow.reply_due(asked)) == date(2025, 11, 25)
    # No sweep came by between the end of the reporter's time and the late reply.
    workflow.apply(asked, "reply", actor=Actor.reporter(), note="Ini fotonya.", at=at(28))
    sweep(at=at(28))
    silent.refresh_from_db()
    assert asked.due_at == silent.due_at  # due 1 December, as for a reporter who never replied
    assert sla.local_date(asked.due_at) == date(2025, 12, 1)


def test_a_reply_after_the_silence_ran_out_is_kept_and_the_complaint_closes(world):
    c = disposed(world)
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note="Sudah.", at=at(11))
    assert sla.local_date(c.due_at) == date(2025, 11, 25)
    workflow.apply(c, "reply", actor=Actor.reporter(), note="Terima kasih.", at=at(27))
    assert sla.local_date(c.due_at) == date(2025, 11, 25)
    assert sweep(at=at(27)).auto_closed == 1
    assert c.events.filter(action="reply").exists()
