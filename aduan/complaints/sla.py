"""Working-day arithmetic for complaint deadlines. Pure functions; no database.

Deadlines in Indonesian public-service complaint handling are counted in working days
(PermenPANRB 62/2018, replaced by PermenPANRB 5/2025; Perpres 76/2013 art. on completion
times): Saturdays, Sundays, national public holidays and cuti bersama (collective leave set
each year by joint ministerial decree) are not counted. Holidays come from the `holidays`
package: category "public" for the national holidays, "government" for cuti bersama.

A deadline of N working days from a moment falls at the end (23:59:59.999999, local time) of
the N-th working day after that moment's local date; the starting day itself never counts,
so a complaint received at 16:55 on a Friday is not already one day late on Monday morning.
"Local" is the time zone of the place the complaint is about (`zone_of`): Indonesia keeps
three, and a day in Jayapura ends two hours before a day in Jakarta.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

WIB = ZoneInfo("Asia/Jakarta")  # western Indonesia: Sumatra, Java, West and Central Kalimantan
WITA = ZoneInfo("Asia/Makassar")  # central: Bali, Nusa Tenggara, the rest of Kalimantan, Sulawesi
WIT = ZoneInfo("Asia/Jayapura")  # eastern: Maluku and Papua
_END_OF_DAY = time(23, 59, 59, 999999)
# Provinces by the first part of their Kemendagri code (Keppres 41/1987 and the provinces
# formed since: Kalimantan Utara, the four Papuan ones of 2022).
_PROVINCE_ZONES = dict.fromkeys(
    ("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"), WITA
) | dict.fromkeys(("81", "82", "91", "92", "93", "94", "95", "96"), WIT)


def zone_of(region_code: str | None) -> ZoneInfo:
    """The time zone of a region (any level), by its province; WIB when unknown."""
    return _PROVINCE_ZONES.get((region_code or "")[:2], WIB)


@lru_cache(maxsize=64)
def holidays_in(year: int) -> frozenset[date]:
    """National public holidays and cuti bersama of one year."""
    calendar = holidays.country_holidays("ID", years=year, categories=("public", "government"))
    return frozenset(calendar)


# The joint decree setting a year's cuti bersama is signed by October of the year before,
# and `holidays` ships it within weeks. From November on, a next year without any means the
# installed package predates the decree.
DECREE_KNOWN_AHEAD = timedelta(days=61)


def years_without_cuti_bersama(today: date) -> list[int]:
    """This year and, from November, the next, where the installed `holidays` knows no cuti
    bersama: deadlines reaching into them would count those days as working days."""
    years = range(today.year, (today + DECREE_KNOWN_AHEAD).year + 1)
    return [
        year
        for year in years
        if not holidays.country_holidays("ID", years=year, categories=("government",))
    ]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (`start` itself is not counted); days >= 0.

    With days == 0 the answer is `start` if it is a working day, else the next one.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie in (start, end]; 0 when end <= start."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def local_date(moment: datetime, zone: ZoneInfo = WIB) -> date:
    return moment.astimezone(zone).date()


def end_of_day(day: date, zone: ZoneInfo = WIB) -> datetime:
    return datetime.combine(day, _END_OF_DAY, tzinfo=zone)


def deadline(start: datetime, days: int, zone: ZoneInfo = WIB) -> datetime:
    """End of the `days`-th working day after the local date of `start`, in `zone`."""
    return end_of_day(add_working_days(local_date(start, zone), days), zone)


def extend(due: datetime, days: int, zone: ZoneInfo = WIB) -> datetime:
    """Move a deadline `days` working days later (an extension, or a resumed pause)."""
    return end_of_day(add_working_days(local_date(due, zone), days), zone)


def resume(
    due: datetime, *, paused_at: datetime, resumed_at: datetime, zone: ZoneInfo = WIB
) -> datetime:
    """A paused clock resumes: the deadline moves by the working days spent paused. One
    already missed when the clock stopped stays where it was: the days paused after it are
    no days the holder was owed."""
    if paused_at >= due:
        return due
    paused = working_days_between(local_date(paused_at, zone), local_date(resumed_at, zone))
    return extend(due, paused, zone)


# e-People tells the reporter of progress once a complaint has been open 30 days: calendar
# days, as the reporter counts them, and again every 30 days while there is no answer.
PROGRESS_NOTICE_DAYS = 30


def next_progress_notice(at: datetime) -> datetime:
    return at + timedelta(days=PROGRESS_NOTICE_DAYS)


def working_days_left(due: datetime, *, at: datetime) -> int:
    """Working days from `at` until `due`: 0 on the due day, negative once past it."""
    today, due_day = local_date(at), local_date(due)
    if due_day >= today:
        return working_days_between(today, due_day)
    return -late_by(working_days_between(due_day, today))


def late_by(working_days_since: int) -> int:
    """Days late once the due day is over: one at least. A deadline followed by a weekend,
    or by Lebaran's fortnight, would otherwise read "0 days late" all that time."""
    return max(1, working_days_since)
