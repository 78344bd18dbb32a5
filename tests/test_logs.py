"""PostgreSQL's quote of a refused row (every column of it) never reaches the log."""

import logging

import pytest
from django.db import IntegrityError, connection, transaction

from aduan.complaints.models import Attachment
from aduan.core.logs import NoDatabaseDetail
from tests.api.test_hostile_input import Recorder
from tests.conftest import submit

ROW = 'new row violates check constraint "c"\nDETAIL:  Failing row contains (7, Siti Aminah, 0812)'


def logged(**kwargs) -> str:
    """What a handler with the filter, as the configured console has it, writes."""
    recorder, log = Recorder(), logging.getLogger("aduan.test")
    recorder.addFilter(NoDatabaseDetail())
    log.addHandler(recorder)
    try:
        log.error("routing failed: %s", *kwargs.get("args", ()), exc_info=kwargs.get("exc"))
    finally:
        log.removeHandler(recorder)
    return "\n".join(recorder.lines)


def test_a_chained_database_error_loses_its_detail_and_keeps_its_message():
    try:
        try:
            raise ValueError(ROW)  # as psycopg words it
        except ValueError as cause:
            raise IntegrityError(*cause.args) from cause  # as Django wraps it
    except IntegrityError as exc:
        text = logged(exc=exc, args=(exc,))
    assert "Siti Aminah" not in text and "0812" not in text
    assert 'violates check constraint "c"' in text and "DETAIL left out" in text


@pytest.mark.django_db
def test_a_real_refused_row_is_logged_without_it(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite names the constraint only")
    c = submit()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        Attachment.objects.create(complaint=c, file="x", content_type="x", size=-1, sha256="0")
    assert "Failing row contains" in str(refused.value)  # what PostgreSQL said
    text = logged(exc=refused.value, args=(refused.value,))
    assert "Failing row contains" not in text and "size" in text


def test_the_configured_console_log_cuts_the_detail():
    consoles = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert consoles and all(
        any(isinstance(f, NoDatabaseDetail) for f in h.filters) for h in consoles
    )


def test_djangos_own_records_go_through_the_filter_only():
    # Django's default handlers (a console with DEBUG, mail to ADMINS) would see a 500's
    # exception before the root's filtered console.
    django_log = logging.getLogger("django")
    # (pytest adds capture handlers of its own.)
    ours = [h for h in django_log.handlers if type(h).__module__.startswith("logging")]
    assert not django_log.propagate and ours
    assert all(any(isinstance(f, NoDatabaseDetail) for f in h.filters) for h in ours)
