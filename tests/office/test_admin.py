"""The Django admin: every registered model's list opens; complaints are read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from aduan.complaints.models import Complaint
from aduan.directory.models import AnswerTemplate, DeadlinePolicy, RoutingRule
from tests.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(world):
    RoutingRule.objects.create(order=10, region_id="35.78", agency=world.roads)
    AnswerTemplate.objects.create(agency=world.roads, title="Salam", body="Terima kasih.")
    return submit(reporter=world.users.citizen)


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_every_changelist_and_add_page_opens_for_the_admin(as_user, rows, model):
    client = as_user("admin")
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    first = model._default_manager.first()
    if first is not None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        assert client.get(url).status_code == 200


def test_the_admin_speaks_indonesian(as_user, rows):
    html = as_user("admin").get("/admin/").content.decode()
    assert "Administrasi aduan" in html and "Aturan disposisi" in html


def test_complaints_are_read_only_and_the_list_hides_contacts(as_user, rows):
    client = as_user("admin")
    html = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert rows.tracking_id in html
    assert "081234567890" not in html and "Siti Aminah" not in html
    change = reverse("admin:complaints_complaint_change", args=[rows.pk])
    response = client.post(change, {"status": "closed"})
    assert response.status_code == 403
    assert Complaint.objects.get(pk=rows.pk).status == "submitted"
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403


def test_complaint_list_filters_by_status_channel_and_agency(as_user, world, rows):
    client = as_user("admin")
    url = reverse("admin:complaints_complaint_changelist")
    for query in (
        "status__exact=submitted",
        "channel__exact=web",
        f"agency__id__exact={world.roads.pk}",
    ):
        assert client.get(f"{url}?{query}").status_code == 200


def test_editing_a_deadline_policy_takes_effect_at_once(as_user, world):
    from aduan.directory import policy

    row = DeadlinePolicy.objects.get(stage="verification", kind="", category=None)
    policy.working_days("verification")  # cached
    client = as_user("admin")
    url = reverse("admin:directory_deadlinepolicy_change", args=[row.pk])
    response = client.post(
        url, {"stage": "verification", "kind": "", "category": "", "working_days": 4,
              "legal_basis": row.legal_basis},
    )  # fmt: skip
    assert response.status_code == 302
    assert policy.working_days("verification") == 4


def test_non_staff_cannot_open_the_admin(as_user, world):
    response = as_user("officer").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_directory_editor_never_reads_complaints_in_the_admin(client, world, rows):
    from django.contrib.auth.models import Permission

    editor = world.users.verifier
    editor.is_staff = True
    editor.save()
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_complaint", "change_routingrule"])
    )
    client.force_login(editor)
    changelist = client.get(reverse("admin:complaints_complaint_changelist"))
    assert changelist.status_code == 403
    change = client.get(reverse("admin:complaints_complaint_change", args=[rows.pk]))
    assert change.status_code == 403
    assert client.get(reverse("admin:directory_routingrule_changelist")).status_code == 200
