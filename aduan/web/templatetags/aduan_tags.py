from django import template
from django.utils import timezone

from aduan.complaints import sla
from aduan.complaints.models import Status

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    try:
        return Status(value).label
    except ValueError:
        return value


@register.filter
def working_days_left(due) -> int | None:
    return None if due is None else sla.working_days_left(due, at=timezone.now())


@register.filter
def percent(share) -> str:
    """A measured share (0..1) as people read it: "95%", "<1%" rather than "0,00"; "100%"
    only when it is all."""
    if share is None:
        return ""
    rounded = round(100 * share)
    if rounded == 0 and share > 0:
        return "<1%"
    if rounded == 100 and share < 1:
        return ">99%"
    return f"{rounded}%"


@register.filter
def chance(p) -> str:
    """A model's probability as a percentage that never claims certainty: ">99%" where it
    rounds to 100 (a softmax of far-apart scores reaches 1.0 exactly), "<1%" near 0."""
    if p is None:
        return ""
    return ">99%" if round(100 * p) == 100 else percent(p)
