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
