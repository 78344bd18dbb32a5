"""The demo world: big enough to look lived in, covering every stage, and seeded only once.

The seed runs once for the module inside a transaction rolled back at the end, on an emptied
directory (as on the fresh database `aduan demo` starts from): the session's small test world
shares codes and usernames with the demo (dpu-sby, admin) and must not leak into it, nor the
demo into other modules.
"""

import time
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from aduan.accounts.models import Membership, User
from aduan.complaints import queries
from aduan.complaints.models import Channel, Complaint, Event, Status
from aduan.core.models import ComplaintKind
from aduan.demo import data
from aduan.demo.management.commands import demo as demo_command
from aduan.demo.seed import seed
from aduan.directory import routing
from aduan.directory.models import Agency, Category, DeadlinePolicy, Region, RoutingRule, Stage

pytestmark = pytest.mark.django_db

# Tests need no brute-force resistance: PBKDF2 would spend most of a second per login.
HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def logins(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        _empty_directory()
        with override_settings(PASSWORD_HASHERS=HASHERS):
            yield seed()
        transaction.set_rollback(True)


def _empty_directory() -> None:
    Complaint.objects.all().delete()
    Membership.objects.all().delete()
    User.objects.all().delete()
    RoutingRule.objects.all().delete()
    DeadlinePolicy.objects.exclude(category=None).delete()
    for model in (Agency, Category):  # parents are protected: leaves first
        while model.objects.exists():
            leaves = model.objects.exclude(
                pk__in=model.objects.values("parent").exclude(parent=None)
            )
            model.objects.filter(pk__in=list(leaves.values_list("pk", flat=True))).delete()


def test_seed_makes_hundreds_of_complaints_across_many_agencies(logins):
    complaints = Complaint.objects.all()
    assert complaints.count() >= 500
    assert complaints.exclude(agency=None).values("agency").distinct().count() >= 15


def test_every_kind_channel_status_and_privacy_combination_is_present(logins):
    complaints = Complaint.objects.all()
    assert set(complaints.values_list("kind", flat=True)) == set(ComplaintKind.values)
    assert set(complaints.values_list("channel", flat=True)) == set(Channel.values)
    assert set(complaints.values_list("status", flat=True)) == set(Status.values)
    privacy = set(complaints.values_list("is_anonymous", "is_confidential"))
    assert privacy == {(False, False), (True, False), (False, True), (True, True)}


def test_the_stories_behind_the_statuses_are_told(logins):
    actions = Counter(Event.objects.values_list("action", flat=True))
    for action in (
        "verify", "auto_dispose", "hold", "archive", "accept", "delegate", "transfer",
        "not_our_authority", "ask_reporter", "reply", "extend", "answer", "rate", "close",
        "auto_close", "reopen",
    ):  # fmt: skip
        assert actions[action] > 0, action
    closed = Complaint.objects.filter(status=Status.CLOSED)
    assert set(closed.exclude(rating=None).values_list("rating", flat=True)) == {1, 2, 3, 4, 5}
    assert Event.objects.filter(action="auto_close", actor_role="system").exists()
    assert Complaint.objects.filter(status=Status.IN_PROGRESS).exclude(unit=None).exists()
    assert Complaint.objects.filter(extensions__gt=0).exists()
    # A complaint returned as not our authority and left for the verifier again.
    returned = Event.objects.filter(action="not_our_authority").values("complaint")
    assert Complaint.objects.filter(pk__in=returned, status=Status.SUBMITTED).exists()


def test_reporters_are_accounts_contacts_or_nobody_and_the_counter_files_for_walk_ins(logins):
    complaints = Complaint.objects.all()
    assert complaints.filter(reporter__username="warga").exists()
    assert complaints.filter(reporter=None).exclude(reporter_name="").exists()
    assert complaints.filter(reporter=None, reporter_name="", reporter_phone="").exists()
    counter = complaints.filter(channel=Channel.COUNTER)
    assert counter.exists()
    assert not counter.exclude(filed_by__username="loket").exists()


def test_some_are_overdue_now_and_some_due_soon(logins):
    now = timezone.now()
    overdue = queries.overdue(Complaint.objects.all(), at=now)
    assert overdue.count() >= 10
    assert {Status.SUBMITTED, Status.DISPOSED, Status.IN_PROGRESS} <= set(
        overdue.values_list("status", flat=True)
    )
    soon = queries.due_soon(Complaint.objects.all(), until=now + timezone.timedelta(days=3))
    assert soon.exists()


def test_timelines_are_backdated_in_order_over_the_last_90_days(logins):
    now = timezone.now()
    oldest = Complaint.objects.order_by("submitted_at").first().submitted_at
    assert now - timezone.timedelta(days=91) < oldest < now - timezone.timedelta(days=60)
    assert not Event.objects.filter(at__gt=now).exists()
    last: dict[int, object] = {}
    for complaint_id, at in Event.objects.order_by("complaint", "id").values_list(
        "complaint", "at"
    ):
        assert at >= last.get(complaint_id, at)
        last[complaint_id] = at


def test_complaints_are_placed_in_real_kelurahan(logins):
    regions = Counter(
        code.rsplit(".", 2)[0] for code in Complaint.objects.values_list("region", flat=True)
    )
    assert regions[data.SURABAYA] > 400
    assert len(regions) > 1  # and a few elsewhere in Jawa Timur
    villages = Region.objects.filter(code__startswith=data.SURABAYA + ".", level=4)
    assert Complaint.objects.filter(region__in=villages).count() == regions[data.SURABAYA]


def test_directory_has_local_offices_categories_rules_and_deadlines(logins):
    surabaya = Region.objects.filter(code__startswith=data.SURABAYA + ".")
    assert Agency.objects.filter(kind="district").count() == surabaya.filter(level=3).count() == 31
    assert Agency.objects.filter(kind="village").count() == surabaya.filter(level=4).count()
    assert Category.objects.filter(parent=None).count() >= 10
    jagir = Region.objects.get(code="35.78.04.1002")
    roads = Category.objects.get(code="jalan-rusak")
    assert routing.match(region=jagir, category_id=roads.pk).code == "dpu-sby"
    letters = Category.objects.get(code="surat-pengantar")
    assert routing.match(region=jagir, category_id=letters.pk).region_id == jagir.code
    assert RoutingRule.objects.filter(local_office="village").exists()
    assert DeadlinePolicy.objects.get(stage=Stage.OUTCOME, category=roads).working_days == 60
    assert Agency.objects.get(code="dpu-sby").answer_templates.count() >= 2


def test_seeding_twice_changes_nothing_and_is_fast(logins):
    before = (Complaint.objects.count(), Agency.objects.count(), User.objects.count())
    events = Event.objects.count()
    started = time.monotonic()
    assert seed() == logins
    assert time.monotonic() - started < 1
    assert (Complaint.objects.count(), Agency.objects.count(), User.objects.count()) == before
    assert Event.objects.count() == events


def test_every_demo_login_authenticates(logins, settings):
    settings.PASSWORD_HASHERS = HASHERS
    assert {username for _, username, _ in logins} >= {
        "warga", "verifikator", "verifikator-jatim", "petugas-dpu", "pimpinan-dpu",
        "petugas-jalan", "petugas-dinkes", "pengawas", "loket", "admin",
    }  # fmt: skip
    for _role, username, password in logins:
        assert authenticate(username=username, password=password) is not None, username
    assert User.objects.get(username="admin").is_superuser
    jatim = User.objects.get(username="verifikator-jatim").memberships.get()
    assert jatim.role == "verifier" and jatim.region_id == "35"


def test_demo_command_prints_logins_and_an_api_example(logins, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(demo_command, "call_command", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.setattr(demo_command.regions, "load", lambda *a, **kw: 0)
    call_command(demo_command.Command(), "--no-serve", "--port", "8765")
    out = capsys.readouterr().out
    assert [a[0] for a, _ in calls] == ["migrate"]
    assert "http://127.0.0.1:8765/" in out
    assert "curl -X POST http://127.0.0.1:8765/api/v1/complaints" in out
    for _role, username, password in logins:
        assert username in out and password in out

    calls.clear()
    call_command(demo_command.Command(), "--host", "0.0.0.0", "--port", "8001")
    assert calls[-1] == (("serve",), {"host": "0.0.0.0", "port": 8001})


def test_the_seed_works_at_a_moment_that_once_broke_it(monkeypatch, django_db_blocker):
    """At 05:26 UTC on 2 Dec 2026 one complaint's automatic closing fell due within the last
    minute before "now"; squeezed back before now, it came before its deadline and the seed
    (and `aduan demo`) failed. The seed is deterministic but for the moment it runs at."""
    from datetime import UTC, datetime

    from aduan.demo import seed as seeding

    moment = datetime(2026, 12, 2, 5, 26, tzinfo=UTC)
    monkeypatch.setattr(seeding.timezone, "now", lambda: moment)
    with django_db_blocker.unblock(), transaction.atomic():
        _empty_directory()
        with override_settings(PASSWORD_HASHERS=HASHERS):
            assert seed()
        transaction.set_rollback(True)
