"""Who may open which office page: login first, then a staff scope, then the page's role."""

import pytest

from tests.office.conftest import page

pytestmark = pytest.mark.django_db

STAFF_PAGES = {
    "/kantor/verifikasi/": {"verifier", "verifier_sby", "verifier_pacitan"},
    "/kantor/instansi/": {"officer", "supervisor", "unit_officer", "other_officer"},
    "/kantor/pimpinan/": {"supervisor"},
    "/kantor/ikhtisar/": {"oversight", "admin"},
}
ROLES = [
    "citizen", "other_citizen", "verifier", "verifier_sby", "verifier_pacitan", "officer",
    "supervisor", "unit_officer", "other_officer", "oversight", "clerk", "admin",
]  # fmt: skip
HOME = {
    "verifier": "/kantor/verifikasi/", "verifier_sby": "/kantor/verifikasi/",
    "verifier_pacitan": "/kantor/verifikasi/", "officer": "/kantor/instansi/",
    "supervisor": "/kantor/instansi/", "unit_officer": "/kantor/instansi/",
    "other_officer": "/kantor/instansi/", "oversight": "/kantor/ikhtisar/",
    "admin": "/kantor/ikhtisar/",
}  # fmt: skip
# The complaint page of a complaint disposed to the roads office (as the staff API).
DETAIL = {
    "citizen": 403, "other_citizen": 403, "clerk": 403,
    "verifier": 200, "verifier_sby": 200, "verifier_pacitan": 404,
    "officer": 200, "supervisor": 200, "unit_officer": 404, "other_officer": 404,
    "oversight": 200, "admin": 200,
}  # fmt: skip


@pytest.mark.parametrize("url", [*STAFF_PAGES, "/kantor/", "/kantor/laporan/LPR-00000000/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/?next=")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", list(STAFF_PAGES))
def test_each_page_opens_for_its_roles_and_is_forbidden_to_the_rest(as_user, url, role):
    response = as_user(role).get(url)
    assert response.status_code == (200 if role in STAFF_PAGES[url] else 403)
    if response.status_code == 403:
        assert "Akses ditolak" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_office_home_sends_each_role_to_its_first_page(as_user, role):
    response = as_user(role).get("/kantor/")
    if role in HOME:
        assert response.status_code == 302 and response["Location"] == HOME[role]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_complaint_page_follows_visibility(as_user, disposed, role):
    response = as_user(role).get(page(disposed))
    assert response.status_code == DETAIL[role]
    if response.status_code == 200:
        assert disposed.title in response.content.decode()


def test_an_unknown_tracking_id_is_not_found(as_user, world):
    assert as_user("verifier").get("/kantor/laporan/LPR-ZZZZZZZZ/").status_code == 404


def test_a_verifier_outside_the_region_gets_not_found_for_a_new_complaint(as_user, world):
    from tests.conftest import submit

    c = submit()
    assert as_user("verifier_pacitan").get(page(c)).status_code == 404
    assert as_user("verifier_sby").get(page(c)).status_code == 200


def test_office_link_is_in_the_header_for_staff_only(as_user, world):
    assert 'href="/kantor/"' in as_user("officer").get("/kantor/instansi/").content.decode()


def test_staff_read_a_complaint_they_filed_as_its_reporter_not_as_staff(world, client):
    from aduan.complaints import workflow
    from tests.conftest import submit

    c = submit(reporter=world.users.other_officer)
    verifier = workflow.Actor.staff(world.users.verifier)
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, note="CATATAN INTERNAL")
    client.force_login(world.users.other_officer)
    assert client.get(f"/kantor/laporan/{c.tracking_id}/").status_code == 404
    assert client.get(f"/api/v1/office/complaints/{c.tracking_id}").status_code == 404
    queue = client.get("/api/v1/queue").json()["items"]
    assert c.tracking_id not in [item["tracking_id"] for item in queue]
    own = client.get(f"/api/v1/complaints/{c.tracking_id}/private")
    assert own.status_code == 200 and "CATATAN INTERNAL" not in own.content.decode()
    page = client.get(f"/lacak/{c.tracking_id}/").content.decode()
    assert "Tampilan pelapor" in page and "CATATAN INTERNAL" not in page
