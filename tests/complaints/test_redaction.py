"""Long texts are masked in pieces (the name detector's time grows with the square of the
text); a piece sees enough around it that nothing is masked differently."""

import lokal
import pytest

from aduan.complaints import redaction, workflow
from aduan.complaints.workflow import Actor
from tests.conftest import submit

FILLER = "jalan di depan sekolah rusak parah dan berlubang sejak bulan lalu. "


@pytest.mark.parametrize("offset", [0, 990, 998, 1000, 1003, 1990, 2600, 4000])
def test_a_name_anywhere_in_a_long_text_is_masked(offset):
    text = (FILLER * 80)[:offset] + " Saya Bu Siti Aminah, hp 081234567890. " + FILLER * 20
    masked = redaction.redact(text)
    assert "Siti" not in masked and "Aminah" not in masked and "081234567890" not in masked
    assert masked.count("[nama]") == 1 and masked.count("[telepon]") == 1


def test_pieces_mask_as_the_whole_text_does():
    people = ["Pak Budi Santoso", "Bu Titin", "Sdr. Wawan", "dr. Retna Yuliastri"]
    text = "".join(f"{FILLER * 7}{people[i % 4]} bilang begitu. " for i in range(12))
    assert len(text) > 5000
    whole = lokal.mask_pii(text, types=redaction.MASKED_TYPES).text
    expected = redaction._PLACEHOLDER.sub(redaction._label, whole)
    assert redaction.redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lampu jalan mati, lapor dari YOHANES",
        "Laporan oleh Kurniawan, ketua RT 05.",
        "Hubungi yohanes kurniawan di pos ronda.",
    ],
)
def test_every_word_of_the_reporters_name_is_masked(text):
    masked = redaction.redact(text, names=("Pak Yohanes Kurniawan",))
    assert "yohanes" not in masked.lower() and "kurniawan" not in masked.lower()
    assert "[nama]" in masked


def test_honorifics_in_a_typed_name_do_not_mask_everyones_title():
    masked = redaction.redact("Pak RT sudah tahu.", names=("Pak Yohanes",))
    assert masked == "Pak RT sudah tahu."


def test_a_name_inside_a_longer_word_is_left_alone():
    assert redaction.redact("Jalan Adiwinata rusak", names=("Adi",)) == "Jalan Adiwinata rusak"


def test_an_address_made_of_the_name_is_masked_whole():
    names = ("Budi Santoso Wijaya",)
    for address in ("budi.sw@gmail.com", "santoso.budi@gmail.com", "wijaya@yahoo.co.id"):
        masked = redaction.redact(f"Email saya {address} ya", names=names)
        assert masked == "Email saya [surel] ya", masked


def test_the_words_of_a_name_mask_as_one_name():
    masked = redaction.redact("tolong pak Budi Santoso dibantu", names=("Budi Santoso Wijaya",))
    assert masked.count("[nama]") == 1 and "Budi" not in masked


@pytest.mark.django_db
def test_a_title_that_masks_longer_than_it_was_is_stored(world):
    # "Ali" becomes "[nama]": a 200-character title masked past the old 200-character
    # column, and PostgreSQL refused every action on the complaint (SQLite does not check).
    c = submit(title="Ali," * 50, reporter_name="Ali")
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    c.refresh_from_db()
    assert len(c.public_title) > 200 and "Ali" not in c.public_title
    assert c.status == "disposed"


def test_a_handle_made_of_the_reporters_name_is_masked():
    masked = redaction.redact("cek FB siti_aminah atau ig aminah_siti99", names=("Siti Aminah",))
    assert "siti" not in masked.lower() and "aminah" not in masked.lower()


@pytest.mark.parametrize("address", ["siti.w@example.net", "warga+lapor@example.org"])
def test_an_address_the_detector_passes_over_is_still_masked(address):
    masked = redaction.redact(f"balas ke {address} ya", names=("Siti Aminah",))
    assert masked == "balas ke [surel] ya"
