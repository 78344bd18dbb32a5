"""System checks run by `aduan serve`, `aduan sla sweep` and `aduan check --deploy`."""

from datetime import date

from django.core import checks
from django.utils import timezone

from . import sla


@checks.register(checks.Tags.compatibility)
def calendar_is_current(app_configs, **kwargs) -> list[checks.CheckMessage]:
    return calendar_warnings(sla.local_date(timezone.now()))


def calendar_warnings(today: date) -> list[checks.CheckMessage]:
    return [
        checks.Warning(
            f"The installed holidays package knows no cuti bersama for {year}: deadlines "
            "reaching into that year count those days as working days.",
            hint="Upgrade holidays (pip install -U holidays) once the joint decree is out.",
            id="aduan.W001",
        )
        for year in sla.years_without_cuti_bersama(today)
    ]
