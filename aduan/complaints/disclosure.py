"""Who may read what of a complaint. One place, so every page and endpoint agrees.

Perpres 76/2013 keeps a complainant's identity confidential; LAPOR!'s two switches refine it:
- anonim: the identity is hidden from the public and from the handling agency;
- rahasia: the content is not public at all.
The reporter and authorised verifiers always see the identity; the public never does.
"""

import re
from enum import IntEnum

from aduan.accounts.scopes import Scope
from aduan.complaints.models import Complaint, Event
from aduan.complaints.queries import is_public
from aduan.complaints.redaction import (
    public_answer,
    public_notes,
    public_text,
    redact,
    reporter_names,
)


class Audience(IntEnum):
    """How close a viewer stands to a complaint; each level sees what the ones below see."""

    PUBLIC = 0
    REPORTER = 1
    STAFF = 2


_NOTE_AUDIENCE = {"public": Audience.PUBLIC, "reporter": Audience.REPORTER, "staff": Audience.STAFF}


def shows_identity(complaint: Complaint, scope: Scope, *, is_reporter: bool = False) -> bool:
    if is_reporter or scope.admin:
        return True
    if complaint.is_anonymous and scope.agency_paths and _held_by_own_agency(complaint, scope):
        # A verifier who also works for the agency holding an anonim report (one desk
        # holding both roles) reads it as that agency does.
        return False
    if scope.verifies(complaint.region_id):
        return True
    if complaint.is_anonymous:
        return False
    return bool(scope.agency_paths or scope.oversight)


def _held_by_own_agency(complaint: Complaint, scope: Scope) -> bool:
    holder = complaint.unit or complaint.agency
    return holder is not None and scope.handles(holder.path)


def reads_masked(complaint: Complaint, scope: Scope, *, is_reporter: bool = False) -> bool:
    """Whether this viewer reads the complaint's words masked, as the public does: a
    report's own words can name its reporter, and so can notes that answer them."""
    return complaint.is_anonymous and not shows_identity(complaint, scope, is_reporter=is_reporter)


def readable_text(complaint: Complaint, scope: Scope, *, is_reporter: bool = False):
    """(title, body) this viewer may read (see `reads_masked`)."""
    if reads_masked(complaint, scope, is_reporter=is_reporter):
        return public_text(complaint)
    return complaint.title, complaint.body


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def readable_words(complaint: Complaint, scope: Scope, words: list[str]) -> list[str]:
    """Of `words` taken from the complaint's own text (the router's explanation), those this
    viewer may read: whoever reads the masked text must not find a word the masking removed
    (a name, say) in a list beside it."""
    if not complaint.is_anonymous or shows_identity(complaint, scope):
        return list(words)
    title, body = public_text(complaint)
    removed = _words(f"{complaint.title}\n{complaint.body}") - _words(f"{title}\n{body}")
    return [w for w in words if not _words(w) & removed]


def shows_content(complaint: Complaint, audience: Audience) -> bool:
    """Staff and the reporter read what a complaint says; the public once a person has
    passed it on (`queries.is_public`, as the public feed lists it), and never a rahasia
    one: an unverified report may yet be marked rahasia, or archived as no public-service
    matter."""
    if audience > Audience.PUBLIC:
        return True
    return is_public(complaint)


def note_visible(event: Event, audience: Audience) -> bool:
    return audience >= _NOTE_AUDIENCE.get(event.data.get("audience", "staff"), Audience.STAFF)


def readable_address(complaint: Complaint, *, masked: bool) -> str:
    """The address as typed, masked for a viewer who reads the complaint masked: "rumah
    saya, Bu Siti, Gg. Jagir 3" names the reporter as well as the place. Short, and read
    one complaint at a time: masked when read, not stored."""
    if masked and complaint.address:
        return redact(complaint.address, names=reporter_names(complaint))
    return complaint.address


def readable_answer(complaint: Complaint, *, masked: bool) -> str:
    """The agency's answer, masked for a viewer who reads the complaint masked: it may
    thank the reporter by name."""
    return public_answer(complaint) if masked else complaint.answer


def timeline(complaint: Complaint, audience: Audience, *, masked: bool) -> list[tuple[Event, str]]:
    """The events in order, each with the note `audience` may read ("" for none). `masked`:
    the viewer reads the complaint masked (the public always; see `reads_masked`), and so
    its notes, which quote the reporter ("Terima kasih Ibu Siti, kami hubungi di 0812…")."""
    events = list(complaint.events.select_related("agency", "actor").order_by("at", "id"))
    # A rahasia complaint's notes (the answer among them) are content too.
    content = shows_content(complaint, audience)
    readable = [e for e in events if content and note_visible(e, audience)]
    notes = public_notes(complaint, readable) if masked else [e.note for e in readable]
    note_of = {e.pk: note for e, note in zip(readable, notes, strict=True)}
    return [(e, note_of.get(e.pk, "")) for e in events]
