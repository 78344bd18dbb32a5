"""Queue order and cursor paging, including complaints without a deadline (closed/archived)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from aduan.complaints import queries, workflow
from aduan.complaints.workflow import Actor
from tests.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(world):
    """Three complaints with deadlines a day apart, and two archived ones without."""
    verifier = Actor.staff(world.users.verifier)
    start = timezone.now() - timedelta(days=20)
    with_deadline = [submit(at=start + timedelta(days=i)) for i in range(3)]
    archived = []
    for _ in range(2):
        c = submit()
        archived.append(workflow.apply(c, "archive", actor=verifier, reason="unclear"))
    return with_deadline, archived


def all_pages(user, **filters) -> list[int]:
    seen, cursor = [], ""
    while True:
        page = queries.queue(user, queries.QueueFilter(cursor=cursor, limit=2, **filters))
        seen += [c.pk for c in page.items]
        if not page.next_cursor:
            return seen
        cursor = page.next_cursor


def test_due_order_puts_complaints_without_a_deadline_last_and_pages_through_them(world, mixed):
    with_deadline, archived = mixed
    statuses = ["submitted", "archived"]
    ascending = all_pages(world.users.oversight, status=statuses, ordering="due")
    assert ascending == [c.pk for c in with_deadline] + sorted(c.pk for c in archived)
    descending = all_pages(world.users.oversight, status=statuses, ordering="-due")
    assert descending == sorted((c.pk for c in archived), reverse=True) + [
        c.pk for c in reversed(with_deadline)
    ]
