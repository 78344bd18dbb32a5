"""The complaint page: what each role reads, the routing suggestion, attachments."""

import io
import re

import pytest
from django.utils.formats import date_format
from PIL import Image

from aduan.accounts.models import Membership, Role
from aduan.complaints import attachments, intake, workflow
from aduan.complaints.workflow import Actor
from aduan.directory.models import AnswerTemplate, RoutingRule
from tests.conftest import JAGIR, submit
from tests.office.conftest import page

pytestmark = pytest.mark.django_db

NAME, PHONE = "Siti Aminah", "081234567890"


def test_verifier_reads_everything_needed_to_decide(as_user, world):
    c = submit(address="Jl. Jagir Wonokromo 12", category="jalan")
    html = as_user("verifier_sby").get(page(c)).content.decode()
    for text in (c.title, c.body, "Jl. Jagir Wonokromo 12", "Jagir", "Jalan dan Jembatan", NAME):
        assert text in html
    assert PHONE in html
    assert "Verifikasi dan disposisikan" in html and "Tunda" in html and "Arsipkan" in html
    assert 'id="ai-suggestion"' in html


def test_anonim_hides_the_reporter_from_officers_but_not_from_verifiers(as_user, world):
    c = submit(anonymous=True, reporter=world.users.citizen, body="Saya Siti Aminah, 081234567890.")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    for role in ("officer", "supervisor", "oversight"):
        html = as_user(role).get(page(c)).content.decode()
        assert NAME not in html and PHONE not in html, role
        assert "dirahasiakan karena laporan ini anonim" in html
    for role in ("verifier", "verifier_sby", "admin"):
        html = as_user(role).get(page(c)).content.decode()
        assert NAME in html and PHONE in html, role


def test_a_verifier_who_also_works_for_the_agency_reads_its_anonim_reports_as_the_agency(
    as_user, world
):
    desk = world.users.verifier_sby  # the city's verifier, also an officer of its roads office
    Membership.objects.create(user=desk, role=Role.OFFICER, agency=world.roads)
    c = submit(anonymous=True, reporter=world.users.citizen, body="Saya Siti Aminah, 081234567890.")
    assert NAME in as_user("verifier_sby").get(page(c)).content.decode()  # verifying it
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    html = as_user("verifier_sby").get(page(c)).content.decode()
    assert NAME not in html and PHONE not in html
    assert NAME in as_user("verifier").get(page(c)).content.decode()


def test_the_clerk_who_took_an_anonim_report_is_named_to_verifiers_only(as_user, world):
    clerk = world.users.clerk
    clerk.full_name = "Wulan Petugas Loket"
    clerk.save()
    c, _ = intake.submit(
        intake.Submission(
            kind="pengaduan", title="Pungli di kantor kelurahan", region=JAGIR,
            body="Petugas meminta uang untuk surat pindah.", channel="counter", anonymous=True,
        ),
        filed_by=clerk,
    )  # fmt: skip
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    assert "Wulan Petugas Loket" in as_user("verifier").get(page(c)).content.decode()
    agency = as_user("officer").get(page(c)).content.decode()
    assert "Wulan Petugas Loket" not in agency and "Petugas loket" in agency


def test_a_named_complaint_shows_the_reporter_to_the_agency(as_user, disposed):
    html = as_user("officer").get(page(disposed)).content.decode()
    assert NAME in html and PHONE in html


def test_the_routing_rule_suggestion_is_preselected(as_user, world):
    RoutingRule.objects.create(order=1, region_id="35.78", agency=world.roads)
    c = submit()
    html = as_user("verifier").get(page(c)).content.decode()
    assert "Saran aturan disposisi" in html and world.roads.name in html
    assert f'<option value="{world.roads.pk}" selected>' in html


def test_a_rule_does_not_preselect_the_agency_that_sent_the_complaint_back(as_user, world):
    RoutingRule.objects.create(order=1, region_id="35.78", agency=world.roads)
    c = submit()
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    workflow.apply(c, "not_our_authority", actor=Actor.staff(world.users.officer), note="Bukan.")
    html = as_user("verifier").get(page(c)).content.decode()
    select = html.split('name="verify-agency"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{world.roads.pk}"' in select
    assert f'<option value="{world.roads.pk}" selected>' not in select


def test_an_agency_that_passed_the_complaint_on_is_not_preselected_again(as_user, world):
    # Roads passed it to health ("not ours, theirs"); health sent it back as not theirs.
    RoutingRule.objects.create(order=1, region_id="35.78", agency=world.roads)
    c = submit()
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Urusan dinkes.")
    health_officer = Actor.staff(world.users.other_officer)
    workflow.apply(c, "not_our_authority", actor=health_officer, note="Bukan.")
    html = as_user("verifier").get(page(c)).content.decode()
    select = html.split('name="verify-agency"', 1)[1].split("</select>", 1)[0]
    assert not re.search(r'value="\d+" selected', select)


def test_without_a_matching_rule_the_verifier_picks_the_agency(as_user, world):
    html = as_user("verifier").get(page(submit())).content.decode()
    assert "Tidak ada aturan disposisi yang cocok" in html
    select = html.split('name="verify-agency"', 1)[1].split("</select>", 1)[0]
    assert not re.search(r'value="\d+" selected', select)


def test_the_routers_suggestion_is_shown_with_its_candidates(as_user, world):
    from django.utils import timezone

    from aduan.triage.models import Suggestion

    c = submit()
    Suggestion.objects.create(
        complaint=c,
        model_version="r-2025",
        candidates=[{"agency": "dinkes-sby", "p": 0.42}, {"agency": "dpu-sby", "p": 0.31}],
        confidence=0.42,
        why=["puskesmas"],
        created_at=timezone.now(),
    )
    html = as_user("verifier").get(page(c)).content.decode()
    assert "peluang 42%" in html and "r-2025" in html and "puskesmas" in html
    assert world.health.name in html and world.roads.name in html


def test_the_routers_words_never_name_an_anonim_reporter(as_user, world):
    from django.utils import timezone

    from aduan.triage.models import Suggestion

    c = submit(anonymous=True, body="Saya Siti Aminah, jalan berlubang besar depan sekolah.")
    # The explanation is taken from the text as written: a name can drive the choice.
    Suggestion.objects.create(
        complaint=c,
        model_version="r-2025",
        candidates=[{"agency": "dpu-sby", "p": 0.9}],
        confidence=0.9,
        why=["berlubang", "aminah", "jalan", "kelurahan=jagir"],
        created_at=timezone.now(),
    )
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)

    def words(role):
        html = as_user(role).get(page(c)).content.decode()
        return html.split('Kata penentu: <span lang="id">', 1)[1].split("</span>", 1)[0]

    assert words("officer") == "berlubang, jalan, kelurahan=jagir"
    assert words("verifier") == "berlubang, aminah, jalan, kelurahan=jagir"


def test_officer_sees_the_timeline_with_staff_notes(as_user, world, disposed):
    workflow.apply(disposed, "accept", actor=Actor.staff(world.users.officer))
    workflow.apply(
        disposed, "delegate", actor=Actor.staff(world.users.officer), unit=world.roads_unit,
        note="Mohon dicek ke lokasi minggu ini.",
    )  # fmt: skip
    html = as_user("officer").get(page(disposed)).content.decode()
    for text in ("Laporan diterima", "Diverifikasi dan didisposisikan", "Diterima instansi",
                 "Didelegasikan ke unit", "ke unit Bidang Jalan",
                 "Mohon dicek ke lokasi minggu ini."):  # fmt: skip
        assert text in html


def test_officer_is_offered_only_the_allowed_actions(as_user, disposed):
    html = as_user("officer").get(page(disposed)).content.decode()
    for button in ("Terima", "Delegasikan", "Limpahkan", "Kirim tindak lanjut", "Bukan wewenang"):
        assert f">{button}</button>" in html
    for button in ("Verifikasi dan disposisikan", "Tutup laporan", "Tanya pelapor"):
        assert f">{button}</button>" not in html


def test_an_officer_waiting_on_the_reporter_sees_until_when_and_may_answer_anyway(
    as_user, world, disposed
):
    officer = Actor.staff(world.users.officer)
    workflow.apply(disposed, "accept", actor=officer)
    workflow.apply(disposed, "ask_reporter", actor=officer, note="Di sisi mana jalannya?")
    html = as_user("officer").get(page(disposed)).content.decode()
    reply_by = workflow.reply_due(disposed)
    assert "Batas keterangan pelapor" in html and date_format(reply_by, "j F Y") in html
    assert "(10 hari kerja lagi)" in html  # asked today: ten working days to answer
    assert ">Kirim tindak lanjut</button>" in html


def test_how_the_complaint_reached_the_agency_reads_as_words(as_user, world, disposed):
    assert "(disposisi verifikator)" in as_user("officer").get(page(disposed)).content.decode()
    officer = Actor.staff(world.users.officer)
    workflow.apply(disposed, "transfer", actor=officer, agency=world.health, note="Puskesmas.")
    html = as_user("other_officer").get(page(disposed)).content.decode()
    assert "(pelimpahan dari instansi lain)" in html and "(Instansi (pelimpahan))" not in html


def test_oversight_reads_without_actions(as_user, disposed):
    html = as_user("oversight").get(page(disposed)).content.decode()
    assert "Tidak ada tindakan yang dapat Anda lakukan" in html
    assert '<button class="primary"' not in html


def test_answer_templates_of_the_agency_and_its_ancestors_are_offered(as_user, world, disposed):
    AnswerTemplate.objects.create(agency=world.city, title="Salam pemkot", body="Terima kasih.")
    AnswerTemplate.objects.create(
        agency=world.roads, title="Perbaikan jalan", body="Akan kami perbaiki."
    )
    AnswerTemplate.objects.create(agency=world.health, title="Templat dinkes", body="Dinkes.")
    html = as_user("officer").get(page(disposed)).content.decode()
    assert "Salam pemkot" in html and "Perbaikan jalan" in html and "Akan kami perbaiki." in html
    assert "Templat dinkes" not in html
    assert "Sisipkan templat" in html


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def with_attachment(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = submit()
    a = intake.add_attachment(c, attachments.clean(_png(), name="foto.png"))
    return c, a


def test_attachments_are_served_only_to_those_who_see_the_complaint(as_user, with_attachment):
    c, a = with_attachment
    url = f"/kantor/laporan/{c.tracking_id}/lampiran/{a.pk}/"
    assert url in as_user("verifier").get(page(c)).content.decode()
    response = as_user("verifier").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
    assert as_user("verifier_pacitan").get(url).status_code == 404
    assert as_user("other_officer").get(url).status_code == 404
    assert as_user("citizen").get(url).status_code == 403


def test_the_complaint_page_shows_a_small_copy_of_each_photo(as_user, with_attachment):
    c, a = with_attachment
    url = f"/kantor/laporan/{c.tracking_id}/lampiran/{a.pk}/"
    assert f'<img src="{url}?kecil=1"' in as_user("verifier").get(page(c)).content.decode()
    small = as_user("verifier").get(url + "?kecil=1")
    assert small.status_code == 200 and small["Content-Type"] == "image/jpeg"
    assert b"".join(small.streaming_content).startswith(b"\xff\xd8")
    assert as_user("other_officer").get(url + "?kecil=1").status_code == 404


def test_an_attachment_of_another_complaint_is_not_found(as_user, with_attachment):
    c, a = with_attachment
    other = submit()
    url = f"/kantor/laporan/{other.tracking_id}/lampiran/{a.pk}/"
    assert as_user("verifier").get(url).status_code == 404


def test_a_missing_attachment_file_is_not_found(as_user, with_attachment):
    c, a = with_attachment
    a.file.delete(save=False)
    url = f"/kantor/laporan/{c.tracking_id}/lampiran/{a.pk}/"
    assert as_user("verifier").get(url).status_code == 404


def test_the_page_speaks_english_when_asked(as_user, world):
    c = submit()
    client = as_user("verifier")
    client.cookies["django_language"] = "en"
    html = client.get(page(c)).content.decode()
    assert "Verify and forward" in html and "Reporter" in html
    # The complaint's own words stay Indonesian, marked so for screen readers (WCAG 3.1.2).
    assert f'<h1 lang="id">{c.title}</h1>' in html
    assert '<div class="body-text" lang="id">' in html


@pytest.mark.parametrize("days, reads", [(1, "1 working day "), (3, "3 working days ")])
def test_an_extension_reads_in_english_with_the_right_plural(as_user, world, disposed, days, reads):
    workflow.apply(
        disposed, "extend", actor=Actor.staff(world.users.officer), days=days, note="Survei."
    )
    client = as_user("officer")
    client.cookies["django_language"] = "en"
    assert f"{reads}(extension 1)" in client.get(page(disposed)).content.decode()
