"""Attachments are added only to open complaints, under the row lock."""

import io

import pytest
from django.db import transaction
from PIL import Image

from aduan.complaints import attachments, intake, workflow
from aduan.complaints.models import Complaint
from aduan.complaints.workflow import Actor
from aduan.core.errors import DomainError
from tests.conftest import submit

pytestmark = pytest.mark.django_db


def photo(colour: int = 0) -> attachments.CleanFile:
    raw = io.BytesIO()
    Image.new("RGB", (8, 8), (colour, 0, 0)).save(raw, format="PNG")
    return attachments.clean(raw.getvalue(), name="foto.png")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_photo_uploading_while_the_complaint_closes_is_refused(world):
    c = submit(reporter=world.users.citizen)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    workflow.apply(c, "answer", actor=Actor.staff(world.users.officer), note="Sudah.")
    uploading = Complaint.objects.get(pk=c.pk)  # read by the upload before the rating
    workflow.apply(c, "rate", actor=Actor.reporter(world.users.citizen), rating=5)
    with pytest.raises(DomainError) as refused:
        intake.add_attachment(uploading, photo())
    assert refused.value.code == "not_open"
    assert not c.attachments.exists()


def stored_files(settings) -> list:
    return sorted(p.name for p in (settings.MEDIA_ROOT / "attachments").rglob("*") if p.is_file())


def test_the_same_photo_is_one_file_whoever_sends_it(world, settings):
    first, second = submit(), submit()
    a = intake.add_attachment(first, photo())
    b = intake.add_attachment(second, photo())
    assert a.pk != b.pk and a.file.name == b.file.name
    assert stored_files(settings) == [f"{a.sha256}.png"]
    assert b.file.read() == photo().content


def test_an_upload_rolled_back_leaves_nothing_a_retry_does_not_reuse(world, settings):
    # A doubled submission: the losing transaction rolls back after writing its file.
    c = submit()
    with pytest.raises(RuntimeError), transaction.atomic():
        intake.add_attachment(c, photo())
        raise RuntimeError("the other request committed first")
    assert not c.attachments.exists()
    intake.add_attachment(c, photo())
    assert len(stored_files(settings)) == 1
