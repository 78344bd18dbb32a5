"""Follow-ups recorded as they are posted, and those of the past rebuilt from the timeline."""

import importlib
from datetime import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from aduan.complaints import sla, sweep, workflow
from aduan.complaints.models import FollowUp
from aduan.complaints.workflow import Actor
from aduan.directory.models import Agency
from tests.conftest import submit

pytestmark = pytest.mark.django_db

BACKFILL = importlib.import_module("aduan.complaints.migrations.0018_record_past_follow_ups")


def at(month: int, day: int) -> datetime:
    return datetime(2025, month, day, 9, tzinfo=sla.WIB)


def recorded() -> list[tuple]:
    return list(
        FollowUp.objects.order_by("complaint_id", "at").values_list(
            "complaint_id", "at", "agency__code", "handler__code", "late", "rating"
        )
    )


def test_past_follow_ups_are_rebuilt_as_the_workflow_records_them(world, monkeypatch):
    u = world.users
    verifier, roads, health = (Actor.staff(x) for x in (u.verifier, u.officer, u.other_officer))
    reporter = Actor.reporter(u.citizen)
    # Late, then reopened and answered in time by the unit, and rated.
    a = submit(reporter=u.citizen, at=at(9, 15))
    workflow.apply(a, "verify", actor=verifier, agency=world.roads, at=at(9, 15))
    sweep.sweep(at=at(9, 24))
    workflow.apply(a, "answer", actor=roads, note="Maaf terlambat.", at=at(9, 29))
    workflow.apply(a, "rate", actor=reporter, rating=2, at=at(9, 30))
    workflow.apply(a, "reopen", actor=reporter, note="Belum beres.", at=at(10, 1))
    workflow.apply(a, "delegate", actor=roads, unit=world.roads_unit, at=at(10, 1))
    workflow.apply(a, "answer", actor=roads, note="Sudah beres.", at=at(10, 2))
    workflow.apply(a, "rate", actor=reporter, rating=4, at=at(10, 3))
    # Held late by the roads office, passed round, answered in time on its return.
    b = submit(reporter=u.citizen, at=at(10, 1))
    workflow.apply(b, "verify", actor=verifier, agency=world.roads, at=at(10, 1))
    workflow.apply(b, "transfer", actor=roads, agency=world.health, note="Dinkes", at=at(10, 13))
    workflow.apply(b, "transfer", actor=health, agency=world.roads, note="Jalan", at=at(10, 14))
    workflow.apply(b, "answer", actor=roads, note="Sudah ditambal.", at=at(10, 15))
    live = recorded()
    assert [row[4] for row in live] == [True, False, False]
    assert [row[5] for row in live] == [2, 4, None]
    assert live[1][3] == "dpu-sby-jalan"

    FollowUp.objects.all().delete()
    # A code edited since: the delegation's event still names the old one.
    Agency.objects.filter(code="dpu-sby-jalan").update(code="dpu-sby-bina-jalan")
    live[1] = (*live[1][:3], "dpu-sby-bina-jalan", *live[1][4:])
    monkeypatch.setattr(BACKFILL, "CHUNK", 1)
    editor = SimpleNamespace(connection=connection)  # all the migration reads of it
    BACKFILL.record(apps, editor)
    assert recorded() == live
    BACKFILL.record(apps, editor)  # run again: nothing twice
    assert recorded() == live
