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
    """A share (0..1) as people read a chance: "95%", "<1%" rather than "0,00"."""
    if share is None:
        return ""
    rounded = round(100 * share)
    return "<1%" if rounded == 0 and share > 0 else f"{rounded}%"
