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
    """A share (0..1) as people read a chance: "95%", "<1%" rather than "0,00"; never a
    certainty the model does not have (">99%", not "100%")."""
    if share is None:
        return ""
    rounded = round(100 * share)
    if rounded == 0 and share > 0:
        return "<1%"
    if rounded == 100 and share < 1:
        return ">99%"
    return f"{rounded}%"
