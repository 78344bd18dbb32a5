import pytest

from aduan.complaints import workflow
from aduan.complaints.workflow import Actor
from tests.conftest import submit


@pytest.fixture
def as_user(client, world):
    """A test client logged in as the named user of the world."""

    def login(name: str):
        client.force_login(getattr(world.users, name))
        return client

    return login


@pytest.fixture
def disposed(world):
    """A named reporter's complaint, verified and disposed to the roads office."""
    c = submit(reporter=world.users.citizen)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    return c


def page(complaint) -> str:
    return f"/kantor/laporan/{complaint.tracking_id}/"


def act_url(complaint, action: str) -> str:
    return f"/kantor/laporan/{complaint.tracking_id}/tindakan/{action}/"
