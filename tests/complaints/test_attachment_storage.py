"""Attachments are added only to open complaints, under the row lock."""

import io

import pytest
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
