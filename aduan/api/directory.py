"""The directory, read-only: regions for place pickers, agencies and categories."""

from ninja import Router, Schema

from aduan.directory.models import Agency, Category, Region

router = Router(tags=["direktori"])


class RegionOut(Schema):
    code: str
    name: str
    level: int


class AgencyOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    region: str | None


class CategoryOut(Schema):
    code: str
    name: str
    parent: str | None


@router.get("/regions", response=list[RegionOut], auth=None)
def regions(request, parent: str = ""):
    """Children of a region (no parent: the provinces), for cascading place pickers."""
    qs = Region.objects.filter(parent_id=parent or None).order_by("name")
    return list(qs.values("code", "name", "level"))


@router.get("/agencies", response=list[AgencyOut], auth=None)
def agencies(request, parent: str = ""):
    qs = Agency.objects.filter(is_active=True).select_related("parent")
    qs = qs.filter(parent__code=parent) if parent else qs.filter(parent__isnull=True)
    return [
        {
            "code": a.code,
            "name": a.name,
            "kind": a.kind,
            "parent": a.parent.code if a.parent else None,
            "region": a.region_id,
        }
        for a in qs.order_by("name")
    ]


@router.get("/categories", response=list[CategoryOut], auth=None)
def categories(request):
    qs = Category.objects.filter(is_active=True).select_related("parent").order_by("name")
    return [
        {"code": c.code, "name": c.name, "parent": c.parent.code if c.parent else None} for c in qs
    ]
