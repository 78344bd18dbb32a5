"""Working-day deadlines against the real Indonesian calendar from `holidays`."""

from datetime import date, datetime

from aduan.complaints import checks, sla


def test_weekend_days_are_not_counted():
    # Thursday 6 Nov 2025 + 3 working days: Fri 7, Mon 10, Tue 11.
    assert sla.add_working_days(date(2025, 11, 6), 3) == date(2025, 11, 11)


def test_deadline_from_a_saturday_starts_counting_on_monday():
    assert sla.add_working_days(date(2025, 11, 8), 1) == date(2025, 11, 10)


def test_idul_fitri_and_its_cuti_bersama_are_skipped():
    # Idul Fitri 1446 H: 31 Mar and 1 Apr 2025 are holidays; 28 Mar and 2-4, 7 Apr are cuti
    # bersama; 29 Mar is Nyepi (a Saturday anyway). Thursday 27 Mar + 3 working days lands on
    # 10 Apr.
    assert sla.add_working_days(date(2025, 3, 27), 3) == date(2025, 4, 10)
    assert not sla.is_working_day(date(2025, 4, 2))  # cuti bersama, a Wednesday


def test_idul_fitri_2026_cuti_bersama_are_skipped():
    # Idul Fitri 1447 H: 20 Mar 2026 (cuti bersama), 21-22 Mar holidays, 23-24 Mar cuti bersama.
    assert sla.add_working_days(date(2026, 3, 19), 1) == date(2026, 3, 25)


def test_counting_crosses_the_year_boundary_with_christmas_and_new_year():
    # From Wed 23 Dec 2026: 24 Dec cuti bersama, 25 Dec Christmas, weekend, 28-31 Dec count
    # 1-4, 1 Jan 2027 New Year's Day, weekend, Mon 4 Jan is the fifth.
    assert sla.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert sla.add_working_days(date(2026, 12, 23), 4) == date(2026, 12, 31)


def test_deadline_is_end_of_the_local_working_day():
    received = datetime(2025, 11, 7, 9, 55, tzinfo=sla.WIB)  # Friday morning
    due = sla.deadline(received, 3)
    assert (due.date(), due.hour, due.minute) == (date(2025, 11, 12), 23, 59)


def test_deadline_uses_the_local_date_not_utc():
    # 20:00 UTC on a Sunday is 03:00 WIB on Monday: Monday is the start day, not counted.
    received = datetime(2025, 11, 9, 20, 0, tzinfo=sla.ZoneInfo("UTC"))
    assert sla.deadline(received, 1).date() == date(2025, 11, 11)


def test_a_pause_moves_the_deadline_by_the_working_days_spent_paused():
    due = sla.end_of_day(date(2025, 11, 12))
    paused = datetime(2025, 11, 7, 10, tzinfo=sla.WIB)  # Friday
    resumed = datetime(2025, 11, 11, 10, tzinfo=sla.WIB)  # Tuesday: Mon and Tue passed
    assert sla.resume(due, paused_at=paused, resumed_at=resumed).date() == date(2025, 11, 14)


def test_working_days_left_is_negative_once_late():
    due = sla.end_of_day(date(2025, 11, 12))
    assert sla.working_days_left(due, at=datetime(2025, 11, 10, tzinfo=sla.WIB)) == 2
    assert sla.working_days_left(due, at=datetime(2025, 11, 12, tzinfo=sla.WIB)) == 0
    assert sla.working_days_left(due, at=datetime(2025, 11, 17, tzinfo=sla.WIB)) == -3


def test_a_deadline_before_a_weekend_or_lebaran_is_a_day_late_at_least_once_past():
    friday = sla.end_of_day(date(2025, 11, 14))
    assert sla.working_days_left(friday, at=datetime(2025, 11, 15, 9, tzinfo=sla.WIB)) == -1
    assert sla.working_days_left(friday, at=datetime(2025, 11, 17, 9, tzinfo=sla.WIB)) == -1
    assert sla.working_days_left(friday, at=datetime(2025, 11, 18, 9, tzinfo=sla.WIB)) == -2
    # Thursday 27 March 2025, then Nyepi, Idul Fitri and cuti bersama until 7 April.
    before_lebaran = sla.end_of_day(date(2025, 3, 27))
    assert sla.working_days_left(before_lebaran, at=datetime(2025, 4, 3, tzinfo=sla.WIB)) == -1


def test_a_year_without_cuti_bersama_is_flagged_from_the_november_before():
    # 2025 and 2026 are decreed and shipped; no release will know 2098's or 2099's.
    assert sla.years_without_cuti_bersama(date(2025, 11, 15)) == []
    assert sla.years_without_cuti_bersama(date(2098, 10, 31)) == [2098]
    assert sla.years_without_cuti_bersama(date(2098, 11, 1)) == [2098, 2099]


def test_the_deploy_check_warns_of_a_calendar_the_package_does_not_know():
    warnings = checks.calendar_warnings(date(2099, 11, 1))
    assert [w.id for w in warnings] == ["aduan.W001", "aduan.W001"]
    assert "2100" in warnings[1].msg


def test_a_deadline_missed_before_the_pause_does_not_move():
    due = sla.deadline(datetime(2025, 11, 7, 9, tzinfo=sla.WIB), 5)  # end of Friday 14th
    paused, resumed = (datetime(2025, 11, d, 10, tzinfo=sla.WIB) for d in (15, 18))
    assert sla.resume(due, paused_at=paused, resumed_at=resumed) == due


def test_each_province_counts_days_in_its_own_time_zone():
    assert sla.zone_of("35.78.04.1002") == sla.WIB  # Surabaya
    assert sla.zone_of("62.71") == sla.WIB  # Palangka Raya: Central Kalimantan is western
    assert sla.zone_of("51.71") == sla.WITA and sla.zone_of("64") == sla.WITA  # Bali, Kaltim
    assert sla.zone_of("91.71.01") == sla.WIT and sla.zone_of("96") == sla.WIT  # Papua
    assert sla.zone_of("") == sla.WIB and sla.zone_of(None) == sla.WIB


def test_a_deadline_ends_at_the_end_of_the_local_day():
    # Received Monday 10 Nov 2025 at 23:30 in Jayapura (21:30 in Jakarta): already Monday
    # there, so 3 working days end on Thursday at midnight Jayapura time.
    received = datetime(2025, 11, 10, 23, 30, tzinfo=sla.WIT)
    due = sla.deadline(received, 3, sla.WIT)
    assert due == datetime(2025, 11, 13, 23, 59, 59, 999999, tzinfo=sla.WIT)
    assert due < sla.deadline(received, 3)  # two hours before Jakarta's day ends
    # Received at 00:30 on Tuesday in Jayapura, still Monday in Jakarta: Tuesday counts.
    early = datetime(2025, 11, 11, 0, 30, tzinfo=sla.WIT)
    assert sla.local_date(early, sla.WIT) == date(2025, 11, 11)
    assert sla.local_date(early) == date(2025, 11, 10)
    assert sla.deadline(early, 1, sla.WIT).date() == date(2025, 11, 12)
