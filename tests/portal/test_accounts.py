"""The optional account: sign up, log in, log out, and one's own reports."""

import pytest
from django.db.models import signals

from aduan.accounts.models import User
from tests.conftest import PASSWORD, submit

pytestmark = pytest.mark.django_db


def test_signing_up_logs_the_citizen_in(world, client):
    response = client.post(
        "/daftar/",
        {
            "username": "warga_baru",
            "full_name": "Warga Baru",
            "email": "warga@example.org",
            "password1": "sandi-yang-panjang-42",
            "password2": "sandi-yang-panjang-42",
        },
    )
    assert response.status_code == 302 and response.url == "/saya/"
    user = User.objects.get(username="warga_baru")
    assert user.full_name == "Warga Baru" and user.email == "warga@example.org"
    assert client.get("/saya/").status_code == 200


def test_a_signup_error_keeps_what_was_typed(world, client):
    response = client.post(
        "/daftar/",
        {"username": "warga2", "full_name": "Warga Dua", "email": "w@example.org",
         "password1": "sandi-yang-panjang-42", "password2": "lain"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 422 and 'value="Warga Dua"' in page
    assert 'id="id_password2_error"' in page
    assert not User.objects.filter(username="warga2").exists()


def test_logging_in_takes_a_citizen_to_their_reports_and_staff_to_the_office(world, client):
    page = client.get("/masuk/").content.decode()
    assert ">Nama pengguna</label>" in page and ">Kata sandi</label>" in page
    assert ">Masuk</button>" in page
    response = client.post("/masuk/", {"username": "citizen", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/saya/"
    client.post("/keluar/")
    response = client.post("/masuk/", {"username": "verifier", "password": PASSWORD})
    assert response.url == "/kantor/"
    client.post("/keluar/")
    response = client.post("/masuk/", {"username": "clerk", "password": PASSWORD})
    assert response.url == "/lapor/"  # a counter clerk files on the form


def test_a_wrong_password_is_refused_with_a_message(world, client):
    response = client.post("/masuk/", {"username": "citizen", "password": "salah"})
    assert response.status_code == 422 and 'role="alert"' in response.content.decode()


def test_logging_out_is_a_post(world, client):
    client.force_login(world.users.citizen)
    assert client.get("/keluar/").status_code == 405
    assert client.post("/keluar/").status_code == 302
    assert client.get("/saya/").status_code == 302


def test_my_reports_lists_my_own_reports_only(world, client):
    mine = submit(reporter=world.users.citizen, title="Laporan milik saya sendiri")
    submit(reporter=world.users.other_citizen, title="Laporan milik orang lain")
    submit(title="Laporan tanpa akun")
    client.force_login(world.users.citizen)
    page = client.get("/saya/").content.decode()
    assert "Laporan milik saya sendiri" in page and mine.tracking_id in page
    assert "orang lain" not in page and "tanpa akun" not in page
    assert "Menunggu verifikasi" in page


SIGNUP = {
    "username": "budi",
    "full_name": "Budi Santoso",
    "email": "budi@example.org",
    "password1": "sandi-yang-panjang-42",
    "password2": "sandi-yang-panjang-42",
}


def test_a_name_taken_while_signing_up_is_a_field_error_not_a_500(world, client):
    # Two sign-ups with one name at once (a double tap) both pass the form's check; the
    # other one is made here between that check and the insert.
    def taken_meanwhile(sender, instance, **kwargs):
        if instance.username == "budi" and instance.pk is None:
            signals.pre_save.disconnect(taken_meanwhile, sender=User)
            User.objects.create_user("budi", password="x" * 12)

    signals.pre_save.connect(taken_meanwhile, sender=User)
    try:
        response = client.post("/daftar/", SIGNUP)
    finally:
        signals.pre_save.disconnect(taken_meanwhile, sender=User)
    assert response.status_code == 422
    assert "Nama pengguna ini sudah dipakai" in response.content.decode()
    assert "_auth_user_id" not in client.session  # (the other sign-up rolled back with it here)


def test_signup_errors_in_plain_indonesian(world, client):
    User.objects.create_user("budi", password="x" * 12)
    page = client.post("/daftar/", SIGNUP | {"password2": "lain-lagi-99"}).content.decode()
    assert "Nama pengguna ini sudah dipakai" in page and "Kedua kata sandi tidak sama." in page
