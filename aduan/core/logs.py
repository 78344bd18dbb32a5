"""Keeping personal data out of the logs.

PostgreSQL explains a violated constraint with the row it refused: "DETAIL:  Failing row
contains (…)" holds every column of a complaint, the reporter's name, phone and words
among them, and "Key (…)=(…)" the values of a unique key. The exception's message carries
that detail, so a 500 logged with its traceback, or a worker's `log.exception`, would write
it to the log. The filter cuts the detail from every exception in the chain before the
record is formatted; the primary message (which constraint, which table) stays.
"""

import logging

DETAIL = "\nDETAIL:"


class NoDatabaseDetail(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and _cut_details(exc):
            record.exc_text = None  # formatted again, from the cut messages
        if isinstance(record.msg, str) and DETAIL in record.msg:
            record.msg = _cut(record.msg)
        if isinstance(record.args, tuple) and any(map(_carries_detail, record.args)):
            record.args = tuple(_cut(str(a)) if _carries_detail(a) else a for a in record.args)
        return True


def _carries_detail(value) -> bool:
    return isinstance(value, BaseException | str) and DETAIL in str(value)


def _cut(text: str) -> str:
    return text.split(DETAIL, 1)[0] + " (DETAIL left out of the log)"


def _cut_details(exc: BaseException) -> bool:
    """Cut the detail from `exc` and the exceptions it came from; True if any had one."""
    cut, seen = False, set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc.args and isinstance(exc.args[0], str) and DETAIL in exc.args[0]:
            exc.args = (_cut(exc.args[0]), *exc.args[1:])
            cut = True
        exc = exc.__cause__ or exc.__context__
    return cut
