"""The live public figures on the home page: a few indexed aggregates, no per-row Python.

Definitions (the page states them in the same words):
- reports this month: complaints received since the first day of this calendar month (WIB),
  from every channel, rahasia ones included (a count shows no content);
- answered on time: among the follow-ups (tindak lanjut) agencies posted this month, the share
  posted no later than the complaint's completion deadline in force then (`outcome_due_at`,
  set when the complaint is disposed and moved only by an extension the reporter is told
  about; kept with the follow-up, so a later reopening or transfer does not rewrite it);
- agencies connected: active top-level bodies in the directory (ministries, agencies,
  regional governments, public service providers), without their units.

The follow-up's own stage deadline is not kept after the answer (the clock moves on to the
auto-close stage), so the completion deadline is the one that can be checked honestly.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from aduan.complaints import sla
from aduan.complaints.models import Complaint, FollowUp
from aduan.directory.models import Agency


@dataclass(frozen=True)
class Figures:
    month_start: datetime
    reports_this_month: int
    answered_this_month: int
    answered_on_time: int
    agencies_connected: int

    @property
    def on_time_percent(self) -> int | None:
        if not self.answered_this_month:
            return None
        return round(100 * self.answered_on_time / self.answered_this_month)


def month_start(at: datetime) -> datetime:
    return datetime.combine(sla.local_date(at).replace(day=1), time.min, tzinfo=sla.WIB)


def current(*, at: datetime | None = None) -> Figures:
    start = month_start(at or timezone.now())
    # Only this month's follow-ups are read, through their index on the moment.
    answers = FollowUp.objects.filter(at__gte=start).aggregate(
        total=Count("*"), on_time=Count("at", filter=Q(outcome_due_at__gte=F("at")))
    )
    return Figures(
        month_start=start,
        reports_this_month=Complaint.objects.filter(submitted_at__gte=start).count(),
        answered_this_month=answers["total"],
        answered_on_time=answers["on_time"],
        agencies_connected=Agency.objects.filter(parent__isnull=True, is_active=True).count(),
    )


CACHE_SECONDS = 60


def cached() -> Figures:
    """The figures at most a minute old: the home page is the busiest page there is."""
    return cache.get_or_set("portal:figures", current, CACHE_SECONDS)
