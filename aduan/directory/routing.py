"""Routing rules: (category, region) → agency, in order; the first match wins."""

from collections.abc import Iterable

from django.db.models import Q

from aduan.directory.models import Agency, Region, RoutingRule, ancestor_codes


def match(*, region: Region, category_id: int | None) -> Agency | None:
    """The agency the first matching active rule names, or None.

    A rule naming a local office resolves to the active village or district office whose
    jurisdiction is the complaint's own village or district; a rule whose local office does
    not exist is skipped, so the next rule (say, the city's general office) catches it.
    """
    codes = region.ancestor_codes()
    rules = (
        RoutingRule.objects.filter(is_active=True)
        .filter(Q(region__isnull=True) | Q(region_id__in=codes))
        .filter(Q(category__isnull=True) | Q(category_id=category_id))
        .select_related("agency")
        .order_by("order", "id")
    )
    for rule in rules:
        if rule.agency is not None:
            if rule.agency.is_active:
                return rule.agency
            continue
        office = local_office(region, rule.local_office)
        if office is not None:
            return office
    return None


def local_office(region: Region, kind: str) -> Agency | None:
    """The active village ("village") or district ("district") office whose jurisdiction is
    the village or district `region` lies in; None if the place has no such office."""
    return local_offices([region.code], kind)[region.code]


def local_offices(region_codes: Iterable[str], kind: str) -> dict[str, Agency | None]:
    """`local_office` for many regions (by code) in one query."""
    level = 4 if kind == RoutingRule.Local.VILLAGE else 3
    local_code = {}
    for code in region_codes:
        codes = ancestor_codes(code)
        local_code[code] = codes[len(codes) - level] if len(codes) >= level else None
    agency_kind = Agency.Kind.VILLAGE if level == 4 else Agency.Kind.DISTRICT
    offices: dict[str, Agency] = {}
    wanted = {c for c in local_code.values() if c}
    # In the model's order (by name), the first office of a place wins, as `.first()` did.
    for office in Agency.objects.filter(kind=agency_kind, region_id__in=wanted, is_active=True):
        offices.setdefault(office.region_id, office)
    return {code: offices.get(local) if local else None for code, local in local_code.items()}
