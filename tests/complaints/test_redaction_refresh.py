"""`aduan redaction refresh`: public text stored under older masking rules is masked again."""

import io

import pytest
from django.core.management import CommandError, call_command

from aduan.complaints import redaction, workflow
from aduan.complaints.models import Complaint
from aduan.complaints.workflow import Actor
from tests.conftest import submit

pytestmark = pytest.mark.django_db


def test_text_masked_by_older_rules_is_masked_again(world):
    c = submit(body="Hubungi Siti di pos ronda, jalan berlubang sejak Mei.")  # "Siti Aminah"
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    workflow.apply(c, "answer", actor=officer, note="Terima kasih Bu Siti, sudah ditambal.")
    redaction.public_answer(c)
    # As an older release stored it: the first name alone passed.
    Complaint.objects.filter(pk=c.pk).update(
        public_body="Hubungi Siti di pos ronda, jalan berlubang sejak Mei.",
        public_answer="Terima kasih Bu Siti, sudah ditambal.",
    )
    out = io.StringIO()
    call_command("redaction", "refresh", "--batch", "1", stdout=out)
    assert "changed=1" in out.getvalue()
    c.refresh_from_db()
    assert "Siti" not in c.public_body and "[nama]" in c.public_body
    assert c.public_answer == ""  # masked again when next read
    assert "Siti" not in redaction.public_answer(c)
    again = io.StringIO()
    call_command("redaction", "refresh", stdout=again)
    assert "changed=0" in again.getvalue()


def test_an_anonymous_reporters_text_is_masked_again_too(world):
    c = submit(reporter_name="", reporter_phone="", body="Balas ke warga@example.org ya.")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    Complaint.objects.filter(pk=c.pk).update(public_body="Balas ke warga@example.org ya.")
    call_command("redaction", "refresh", stdout=io.StringIO())
    c.refresh_from_db()
    assert c.public_body == "Balas ke [surel] ya."


@pytest.mark.parametrize("batch", ["0", "-3"])
def test_a_batch_of_nothing_is_refused(batch):
    with pytest.raises(CommandError, match="--batch must be 1 or more"):
        call_command("redaction", "refresh", "--batch", batch)
