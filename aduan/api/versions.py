"""Optimistic concurrency for the API: a complaint's version is its `updated_at`, sent as the
`ETag` of every full view and taken back in `If-Match` on actions. A retried action (a
client that timed out on "extend" and sends it again) then finds the version it read gone
and acts once, as the web forms' `seen` field does.
"""

from datetime import UTC, datetime

from django.utils.translation import gettext as _

from aduan.complaints import workflow
from aduan.core.errors import DomainError

STALE = 412  # Precondition Failed: the version named in If-Match is not the current one


def etag(complaint) -> str:
    return '"' + complaint.updated_at.astimezone(UTC).isoformat() + '"'


def if_match(request, complaint) -> datetime | None:
    """The version the client last read, or None when it names none (or `*`, any). A list
    (RFC 9110: any of them) names the complaint's version when one of its tags does. A weak
    tag counts as its strong one: proxies that compress a response weaken its ETag."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    seen = [_version(tag) for tag in header.split(",")]  # our tags hold no comma
    if complaint.updated_at in seen:
        return complaint.updated_at
    raise stale()


def _version(tag: str) -> datetime | None:
    try:
        seen = datetime.fromisoformat(tag.strip().removeprefix("W/").strip('"'))
    except ValueError:
        return None
    return seen if seen.tzinfo is not None else None  # ours name their zone


def apply(request, complaint, action: str, **kwargs):
    """`workflow.apply`, refused with 412 when the client's If-Match names an older version."""
    try:
        return workflow.apply(complaint, action, seen=if_match(request, complaint), **kwargs)
    except DomainError as error:
        if error.code == "stale":
            raise stale() from error
        raise


def stale() -> DomainError:
    return DomainError(
        "stale",
        _("Laporan ini sudah berubah sejak versi yang Anda baca (If-Match); ambil lagi."),
        status=STALE,
    )
