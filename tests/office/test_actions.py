"""Every action form end to end: the workflow changes the complaint, errors land by the field."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from aduan.complaints import workflow
from aduan.complaints.models import Complaint, Event, Status
from aduan.complaints.workflow import Actor
from aduan.core.errors import DomainError
from aduan.directory.models import Agency
from tests.conftest import submit
from tests.office.conftest import act_url, page

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def fresh(c) -> Complaint:
    return Complaint.objects.get(pk=c.pk)


@pytest.fixture
def accepted(world, disposed):
    workflow.apply(disposed, "accept", actor=Actor.staff(world.users.officer))
    return disposed


@pytest.fixture
def answered(world, accepted):
    workflow.apply(accepted, "answer", actor=Actor.staff(world.users.officer), note="Sudah.")
    return accepted


# verifier actions


def test_verify_and_dispose_with_category_and_privacy_marks(as_user, world):
    c = submit()
    response = as_user("verifier_sby").post(
        act_url(c, "verify"),
        {
            "verify-agency": world.roads.pk,
            "verify-category": world.roads_category.pk,
            "verify-mark_anonymous": "on",
            "verify-note": "Lengkap.",
        },
    )
    assert response.status_code == 303 and response["Location"] == page(c)
    c = fresh(c)
    assert c.status == Status.DISPOSED and c.agency == world.roads
    assert c.category == world.roads_category and c.is_anonymous and not c.is_confidential
    html = as_user("verifier_sby").get(page(c)).content.decode()
    assert "didisposisikan ke Dinas PU Bina Marga" in html
    assert "ditandai anonim" in html


def test_verify_without_an_agency_shows_the_field_error(as_user, world):
    c = submit()
    response = as_user("verifier").post(act_url(c, "verify"), {"verify-note": "x"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_verify-agency_error"' in html
    assert fresh(c).status == Status.SUBMITTED


def test_verify_to_an_inactive_agency_is_refused(as_user, world):
    world.province.is_active = False
    world.province.save()
    c = submit()
    response = as_user("verifier").post(act_url(c, "verify"), {"verify-agency": world.province.pk})
    assert response.status_code == 422
    assert "tidak dikenal atau tidak aktif" in response.content.decode()


@pytest.mark.parametrize("value", ["\u00b2", "\u2460", "\u0663", "abc", "-1", "1.5"])
def test_an_agency_id_that_is_no_number_is_a_field_error(as_user, world, value):
    c = submit()  # "²", "①" and the Arabic-Indic "٣" pass str.isdigit(), not int()
    response = as_user("verifier").post(act_url(c, "verify"), {"verify-agency": value})
    assert response.status_code == 422
    assert "tidak dikenal atau tidak aktif" in response.content.decode()
    assert fresh(c).status == Status.SUBMITTED


def test_a_set_privacy_flag_cannot_be_cleared_by_the_form(as_user, world):
    c = submit(confidential=True)
    as_user("verifier").post(act_url(c, "verify"), {"verify-agency": world.roads.pk})
    assert fresh(c).is_confidential


def test_a_verifier_marks_a_complaint_at_an_agency_confidential(as_user, world, accepted):
    client = as_user("verifier")
    assert "Tandai anonim atau rahasia" in client.get(page(accepted)).content.decode()
    nothing = client.post(act_url(accepted, "protect"), {"protect-note": "?"})
    assert nothing.status_code == 422 and not fresh(accepted).is_confidential
    response = client.post(
        act_url(accepted, "protect"),
        {"protect-mark_confidential": "on", "protect-note": "Pelapor diancam."},
    )
    assert response.status_code == 303
    c = fresh(accepted)
    assert c.is_confidential and c.status == Status.IN_PROGRESS
    assert c.events.last().actor == world.users.verifier
    public = as_user("other_citizen").get(f"/lacak/{c.tracking_id}/").content.decode()
    assert c.title not in public and "Laporan ini rahasia" in public
    # The agency's own officers cannot: the form is not theirs.
    assert "Tandai anonim atau rahasia" not in as_user("officer").get(page(c)).content.decode()
    assert as_user("officer").post(act_url(c, "protect")).status_code in (403, 404)


def test_hold_needs_a_reason_then_resume(as_user, world):
    c = submit()
    client = as_user("verifier")
    response = client.post(act_url(c, "hold"), {"hold-note": ""})
    assert response.status_code == 422 and 'id="id_hold-note_error"' in response.content.decode()
    client.post(act_url(c, "hold"), {"hold-note": "Mohon lampirkan foto."})
    assert fresh(c).status == Status.ON_HOLD
    assert "Lanjutkan verifikasi" in client.get(page(c)).content.decode()
    client.post(act_url(c, "resume"))
    assert fresh(c).status == Status.SUBMITTED


def test_archive_needs_one_of_the_reasons(as_user, world):
    c = submit()
    client = as_user("verifier")
    response = client.post(act_url(c, "archive"), {"archive-reason": "bosan"})
    assert (
        response.status_code == 422 and 'id="id_archive-reason_error"' in response.content.decode()
    )
    client.post(act_url(c, "archive"), {"archive-reason": "too_general", "archive-note": "Umum."})
    c = fresh(c)
    assert c.status == Status.ARCHIVED
    assert c.events.last().data["reason"] == "too_general"


# agency actions


def test_accept(as_user, disposed):
    response = as_user("officer").post(act_url(disposed, "accept"))
    assert response.status_code == 303
    assert fresh(disposed).status == Status.IN_PROGRESS


def test_delegate_to_a_unit(as_user, world, accepted):
    as_user("officer").post(act_url(accepted, "delegate"), {"delegate-unit": world.roads_unit.pk})
    assert fresh(accepted).unit == world.roads_unit
    # The unit's officer now sees and handles it.
    html = as_user("unit_officer").get(page(accepted)).content.decode()
    assert "Kirim tindak lanjut" in html


def test_a_unit_answers_what_it_is_given_and_does_not_pass_it_on(as_user, world, accepted):
    # domain.md: agencies delegate to a unit or transfer to another agency; units answer.
    sibling = Agency.objects.create(
        code="dpu-sby-drainase", name="Bidang Drainase", kind="division", parent=world.roads
    )
    as_user("officer").post(act_url(accepted, "delegate"), {"delegate-unit": world.roads_unit.pk})
    unit = as_user("unit_officer")
    html = unit.get(page(accepted)).content.decode()
    assert "Kirim tindak lanjut" in html
    assert 'name="transfer-agency"' not in html and "not_our_authority-note" not in html
    assert f'value="{sibling.pk}"' not in html  # not offered, and refused if sent
    response = unit.post(act_url(accepted, "delegate"), {"delegate-unit": sibling.pk})
    assert response.status_code == 422
    response = unit.post(
        act_url(accepted, "transfer"), {"transfer-agency": world.health.pk, "transfer-note": "x"}
    )
    assert response.status_code == 403
    response = unit.post(act_url(accepted, "not_our_authority"), {"not_our_authority-note": "x"})
    assert response.status_code == 403
    after = fresh(accepted)
    assert (after.agency, after.unit, after.status) == (
        world.roads,
        world.roads_unit,
        Status.IN_PROGRESS,
    )


def test_delegating_twice_to_the_same_unit_is_one_change(as_user, world, accepted):
    officer = as_user("officer")
    for _ in range(2):  # a double click
        response = officer.post(
            act_url(accepted, "delegate"), {"delegate-unit": world.roads_unit.pk}
        )
    assert response.status_code == 422  # the page no longer offers the unit that holds it
    assert accepted.events.filter(action="delegate").count() == 1
    with pytest.raises(DomainError) as refused:
        workflow.apply(
            accepted, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit
        )
    assert "sudah berada di unit" in refused.value.fields["unit"][0]


@pytest.mark.django_db(transaction=True)
def test_the_verifier_who_comes_second_sees_the_complaint_as_it_now_is(world):
    from django.test import Client

    from tests.conftest import HTTPS, run_concurrently

    c = submit()
    names = iter(["verifier", "verifier_sby"])

    def verify():
        client = Client(**HTTPS)
        client.force_login(getattr(world.users, next(names)))
        return client.post(act_url(c, "verify"), {"verify-agency": world.roads.pk}).status_code

    assert sorted(run_concurrently(verify, 2)) == [303, 409]
    assert fresh(c).events.filter(action="verify").count() == 1


def test_delegate_outside_the_agency_shows_the_domain_error(as_user, world, accepted):
    response = as_user("officer").post(
        act_url(accepted, "delegate"), {"delegate-unit": world.health.pk}
    )
    assert response.status_code == 422
    assert "Unit harus berada di bawah instansi yang menangani" in response.content.decode()


def test_transfer_without_a_reason_shows_the_field_error(as_user, world, accepted):
    response = as_user("officer").post(
        act_url(accepted, "transfer"), {"transfer-agency": world.health.pk}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_transfer-note_error"' in html
    assert "open>" in html.split('id="action-transfer"', 1)[1][:40]  # the failed form stays open
    assert fresh(accepted).agency == world.roads


def test_transfer_hands_over_and_sends_the_officer_back_to_the_queue(as_user, world, accepted):
    response = as_user("officer").post(
        act_url(accepted, "transfer"),
        {"transfer-agency": world.health.pk, "transfer-note": "Urusan puskesmas."},
    )
    assert response.status_code == 302 and response["Location"] == "/kantor/instansi/"
    c = fresh(accepted)
    assert c.agency == world.health and c.status == Status.DISPOSED
    assert as_user("other_officer").get(page(c)).status_code == 200


def test_transfer_within_the_own_agency_is_refused(as_user, world, accepted):
    response = as_user("officer").post(
        act_url(accepted, "transfer"),
        {"transfer-agency": world.roads_unit.pk, "transfer-note": "Ke bidang."},
    )
    assert response.status_code == 422
    assert "gunakan delegasi" in response.content.decode()


def test_ask_the_reporter(as_user, accepted):
    as_user("officer").post(
        act_url(accepted, "ask_reporter"), {"ask_reporter-note": "Di sisi jalan yang mana?"}
    )
    c = fresh(accepted)
    assert c.status == Status.AWAITING_REPORTER and c.paused_at is not None


def test_answer_then_close(as_user, accepted):
    client = as_user("officer")
    response = client.post(act_url(accepted, "answer"), {"answer-note": ""})
    assert response.status_code == 422 and 'id="id_answer-note_error"' in response.content.decode()
    client.post(act_url(accepted, "answer"), {"answer-note": "Jalan sudah ditambal."})
    c = fresh(accepted)
    assert c.status == Status.ANSWERED and c.answer == "Jalan sudah ditambal."
    client.post(act_url(c, "close"))
    assert fresh(c).status == Status.CLOSED


def test_extend_within_the_allowed_days(as_user, accepted):
    client = as_user("officer")
    before = fresh(accepted).due_at
    response = client.post(act_url(accepted, "extend"), {"extend-days": 99, "extend-note": "x"})
    assert response.status_code == 422 and 'id="id_extend-days_error"' in response.content.decode()
    client.post(act_url(accepted, "extend"), {"extend-days": 2, "extend-note": "Butuh alat berat."})
    c = fresh(accepted)
    assert c.extensions == 1 and c.due_at > before


def test_a_form_sent_twice_acts_once(as_user, accepted):
    # A double click on "extend": both posts carry the state the page was built on.
    client = as_user("officer")
    html = client.get(page(accepted)).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    data = {"extend-days": 1, "extend-note": "Menunggu material.", "seen": seen}
    first = client.post(act_url(accepted, "extend"), data)
    second = client.post(act_url(accepted, "extend"), data)
    assert (first.status_code, second.status_code) == (303, 409)
    assert "sudah berubah sejak halaman Anda dibuka" in second.content.decode()
    assert fresh(accepted).extensions == 1
    again = re.search(r'name="seen" value="([^"]+)"', second.content.decode()).group(1)
    assert client.post(act_url(accepted, "extend"), data | {"seen": again}).status_code == 303


@pytest.mark.parametrize("seen", ["garbage", "2026-13-45"])
def test_a_garbled_version_is_refused_as_stale_not_taken_unchecked(as_user, accepted, seen):
    data = {"extend-days": 1, "extend-note": "Menunggu material.", "seen": seen}
    assert as_user("officer").post(act_url(accepted, "extend"), data).status_code == 409
    assert fresh(accepted).extensions == 0


def test_a_third_extension_is_refused_with_the_domain_message(as_user, accepted):
    client = as_user("officer")
    for _ in range(2):
        client.post(act_url(accepted, "extend"), {"extend-days": 1, "extend-note": "Alasan."})
    response = client.post(act_url(accepted, "extend"), {"extend-days": 1, "extend-note": "Lagi."})
    assert response.status_code == 409  # as the API answers: the state, not the input
    assert "sudah diperpanjang dua kali" in response.content.decode()
    assert fresh(accepted).extensions == 2


def test_not_our_authority_returns_it_to_the_verifier(as_user, accepted):
    response = as_user("officer").post(
        act_url(accepted, "not_our_authority"),
        {"not_our_authority-note": "Jalan provinsi, bukan jalan kota."},
    )
    assert response.status_code == 302
    c = fresh(accepted)
    assert c.status == Status.SUBMITTED and c.agency is None
    assert c.tracking_id in as_user("verifier").get("/kantor/verifikasi/").content.decode()


# refusals


def test_an_action_no_longer_possible_is_a_conflict_not_an_error(as_user, answered):
    response = as_user("officer").post(act_url(answered, "accept"))
    assert response.status_code == 409
    assert "Tindakan ini tidak tersedia untuk laporan berstatus" in response.content.decode()


def test_oversight_may_not_act(as_user, disposed):
    assert as_user("oversight").post(act_url(disposed, "accept")).status_code == 403
    assert fresh(disposed).status == Status.DISPOSED


def test_another_agencys_officer_gets_not_found(as_user, disposed):
    assert as_user("other_officer").post(act_url(disposed, "accept")).status_code == 404


def test_an_unknown_action_is_not_found(as_user, disposed):
    assert as_user("officer").post(act_url(disposed, "rate")).status_code == 404
    assert as_user("officer").post(act_url(disposed, "explode")).status_code == 404


def test_actions_need_post(as_user, disposed):
    assert as_user("officer").get(act_url(disposed, "accept")).status_code == 405


def test_non_staff_may_not_act(as_user, disposed):
    assert as_user("citizen").post(act_url(disposed, "accept")).status_code == 403


# htmx


def test_htmx_action_swaps_the_complaint_panel(as_user, disposed):
    response = as_user("officer").post(act_url(disposed, "accept"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="complaint"') and "<html" not in html
    assert f"Laporan {disposed.tracking_id} diterima." in html
    assert "Sedang diproses" in html


def test_htmx_action_errors_swap_in_with_the_form(as_user, accepted):
    response = as_user("officer").post(act_url(accepted, "transfer"), {}, **HTMX)
    assert response.status_code == 200
    assert 'id="id_transfer-note_error"' in response.content.decode()


def test_htmx_action_that_takes_the_complaint_away_redirects(as_user, world, accepted):
    response = as_user("officer").post(
        act_url(accepted, "transfer"),
        {"transfer-agency": world.health.pk, "transfer-note": "Bukan jalan."},
        **HTMX,
    )
    assert response["HX-Redirect"] == "/kantor/instansi/"


def test_each_action_writes_one_event(as_user, world):
    c = submit(at=timezone.now() - timedelta(hours=1))
    before = Event.objects.filter(complaint=c).count()
    as_user("verifier").post(act_url(c, "verify"), {"verify-agency": world.roads.pk})
    assert Event.objects.filter(complaint=c).count() == before + 1
