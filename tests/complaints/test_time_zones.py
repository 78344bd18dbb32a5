"""A complaint's working days are counted in the time zone of the place it is about."""

from datetime import date, datetime

import pytest

from aduan.complaints import sla, workflow
from aduan.complaints.workflow import Actor
from aduan.core.errors import Invalid
from aduan.directory import regions
from tests.conftest import submit

pytestmark = pytest.mark.django_db

JAYAPURA = "91.71"  # Kota Jayapura, Papua: WIT, two hours ahead of Jakarta


@pytest.fixture
def papua(world):
    regions.load([JAYAPURA])


def test_a_complaint_in_papua_is_due_at_the_end_of_the_day_in_papua(papua, world):
    monday_night = datetime(2025, 11, 10, 20, tzinfo=sla.WIT)
    c = submit(region=JAYAPURA, at=monday_night)
    assert c.due_at == datetime(2025, 11, 13, 23, 59, 59, 999999, tzinfo=sla.WIT)
    verifier = Actor.staff(world.users.verifier)
    workflow.apply(c, "verify", actor=verifier, agency=world.roads, at=monday_night)
    c.refresh_from_db()
    assert c.due_at.astimezone(sla.WIT).time() == sla._END_OF_DAY
    assert c.outcome_due_at.astimezone(sla.WIT).time() == sla._END_OF_DAY


def test_an_incident_today_in_papua_is_not_in_the_future(papua):
    # 00:30 on Tuesday in Jayapura is still Monday in Jakarta.
    at = datetime(2025, 11, 11, 0, 30, tzinfo=sla.WIT)
    c = submit(region=JAYAPURA, at=at, incident_date=date(2025, 11, 11))
    assert c.incident_date == date(2025, 11, 11)
    with pytest.raises(Invalid):
        submit(region=JAYAPURA, at=at, incident_date=date(2025, 11, 12))
