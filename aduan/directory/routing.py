"""Routing rules: (category, region) → agency, in order; the first match wins."""

from django.db.models import Q

from aduan.directory.models import Agency, Region, RoutingRule


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
    level = 4 if kind == RoutingRule.Local.VILLAGE else 3
    codes = region.ancestor_codes()
    if len(codes) < level:
        return None
    local_code = codes[len(codes) - level]
    agency_kind = Agency.Kind.VILLAGE if level == 4 else Agency.Kind.DISTRICT
    return Agency.objects.filter(kind=agency_kind, region_id=local_code, is_active=True).first()
