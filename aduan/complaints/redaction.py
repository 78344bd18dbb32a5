"""Public text: what anyone may read of a complaint.

Masking is the costliest step a complaint meets, so it is not done at intake (where peaks
arrive) but when the complaint is first acted on, or first read by someone who needs the
public text; `public_text` always returns masked text, computing and keeping it on demand.

UU 27/2022 (Pelindungan Data Pribadi) and Perpres 76/2013 require the complainant's identity
and specific personal data to stay out of public view. Identity numbers, contacts, names and
specific personal data (health, criminal records, biometrics, finances) are masked; places
and vehicle-free descriptions stay, because a public report about a road must say which road.
"""

import re

import lokal

MASKED_TYPES = (
    "NIK", "KK", "NPWP", "PASSPORT", "SIM", "NIP", "BPJS", "NISN", "AKTA", "PHONE", "EMAIL",
    "BANK_ACCOUNT", "CARD", "PLATE", "IP", "NAME", "BIRTH_DATE", "HEALTH", "FINANCIAL",
    "CRIMINAL_RECORD", "BIOMETRIC",
)  # fmt: skip
_LABELS = {
    "NAME": "nama",
    "PHONE": "telepon",
    "EMAIL": "surel",
    "BIRTH_DATE": "tanggal lahir",
    "HEALTH": "data kesehatan",
    "CRIMINAL_RECORD": "data pidana",
    "FINANCIAL": "data keuangan",
    "BANK_ACCOUNT": "rekening",
    "PLATE": "nomor kendaraan",
}
_PLACEHOLDER = re.compile(r"\[([A-Z_]+?)_\d+\]")
_LONG_NUMBER = re.compile(r"\d[\d .-]{8,}\d")
# Whatever looks like an e-mail address: the detector passes over some (example.org's).
# Anchored at the start of its run: unanchored, a 20,000-letter run without an "@" was tried
# from every position (1.6 s of masking for one pasted blob).
_EMAIL_LIKE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADJACENT_NAMES = re.compile(r"\[nama\](?:[ \t]+\[nama\])+")


def _label(match: re.Match) -> str:
    kind = match.group(1)
    return f"[{_LABELS.get(kind, kind)}]"


def redact(text: str, *, names: tuple[str, ...] = ()) -> str:
    """Mask personal data in `text`; `names` (the reporter's own) are always masked."""
    return redact_all([text], names=names)[0]


# Joins texts for one pass of the detector (its cost is per call, not per character);
# a line of its own that no citizen types, so the texts come apart exactly.
_SEPARATOR = "\n\u241e\n"


# Words a reporter's typed name may carry that are nobody's name: masking them would blank
# out every "Pak" and "Ibu" in the text and hide nobody.
# fmt: off
_NOT_NAMES = frozenset((
    "bapak", "ibu", "pak", "bu", "mas", "mbak", "mbk", "sdr", "sdri", "saudara", "saudari",
    "kak", "bang", "haji", "hajjah", "hj", "dr", "drs", "dra", "ir", "prof", "amd", "skm",
    "spd", "sag", "skom", "bin", "binti",
))
# fmt: on


def _name_patterns(names: tuple[str, ...]) -> list[re.Pattern]:
    """Each name whole, then each of its words: a reporter is named by a first name alone
    ("hubungi Siti") or a surname in capitals as often as in full."""
    whole = [n.strip() for n in names if n and len(n.strip()) >= 3]
    words = {w for n in whole for w in re.findall(r"[^\W\d_]{3,}", n)}
    words = {w for w in words if w.casefold() not in _NOT_NAMES}
    found = sorted(set(whole), key=len, reverse=True) + sorted(words, key=len, reverse=True)
    # Only a letter continues a name: handles join names with "_" and digits ("siti_99").
    return [re.compile(rf"(?<![^\W\d_]){re.escape(n)}(?![^\W\d_])", re.I) for n in found]


def redact_all(texts: list[str], *, names: tuple[str, ...] = ()) -> list[str]:
    """`redact` for several texts at once, in one pass of the detector."""
    joined = _SEPARATOR.join(t.replace("\u241e", "") for t in texts)
    # The detector first: an e-mail address made of the name ("budi.santoso@…") is an
    # address, masked whole, not "[nama].[nama]@…".
    masked = _EMAIL_LIKE.sub("[surel]", _mask_in_pieces(joined))
    for name in _name_patterns(names):
        masked = name.sub("[nama]", masked)
    # Any long digit run the detector did not classify is still somebody's number.
    masked = _LONG_NUMBER.sub("[nomor]", masked)
    masked = _PLACEHOLDER.sub(_label, masked)
    # "Pak [nama] [nama]" would tell how many words the name has.
    parts = _ADJACENT_NAMES.sub("[nama]", masked).split(_SEPARATOR)
    if len(parts) != len(texts):  # the detector swallowed a separator: mask one by one
        return [redact_all([t], names=names)[0] for t in texts] if len(texts) > 1 else parts
    return parts


# The name detector looks ahead from every honorific ("Bu", "Pak", "Sdr."), so its time grows
# with the square of the text: 0.09 s for 1,000 characters of "Bu Bu Bu…", 4.7 s for 8,000.
# A long text is searched in pieces of _PIECE characters, each with _CONTEXT characters on
# either side, so that what a match needs around it is still there; a 20,000-character body
# of honorifics then costs 1.3-2.4 s (2 cores) instead of 25 s.
_PIECE = 1000
_CONTEXT = 300


def _mask_in_pieces(text: str) -> str:
    if len(text) <= _PIECE + 2 * _CONTEXT:
        return lokal.mask_pii(text, types=MASKED_TYPES).text
    spans = []
    for start in range(0, len(text), _PIECE):
        left = max(0, start - _CONTEXT)
        window = text[left : start + _PIECE + _CONTEXT]
        for m in lokal.mask_pii(window, types=MASKED_TYPES).matches:
            if start <= left + m.start < start + _PIECE:  # each match found once, by its piece
                spans.append((left + m.start, left + m.end, m.type))
    out, at = [], 0
    for begin, end, kind in sorted(spans):
        if begin < at:  # overlaps the previous match (found from two windows' views)
            continue
        out += [text[at:begin], f"[{kind}_0]"]
        at = end
    out.append(text[at:])
    return "".join(out)


def reporter_names(complaint) -> tuple[str, ...]:
    """The names its reporter goes by: the one typed in, and the account's as staff read it
    (a web submission made signed in leaves the first empty)."""
    names = (complaint.reporter_name,)
    if complaint.reporter_id:
        names += (complaint.reporter.full_name, complaint.reporter.get_full_name())
    return names


def masked(complaint) -> tuple[str, str]:
    """The complaint's (title, body) with personal data and its reporter's names masked."""
    title, body = redact_all([complaint.title, complaint.body], names=reporter_names(complaint))
    return title, body


def public_text(complaint) -> tuple[str, str]:
    """The complaint's masked (title, body), computed and stored the first time it is needed.

    Safe to call from anywhere and concurrently: the stored value is written only where it is
    still empty, and every caller computes the same text.
    """
    if not complaint.public_title:
        title, body = masked(complaint)
        type(complaint).objects.filter(pk=complaint.pk, public_title="").update(
            public_title=title, public_body=body
        )
        complaint.public_title, complaint.public_body = title, body
    return complaint.public_title, complaint.public_body


def public_answer(complaint) -> str:
    """The complaint's answer masked (it may thank the reporter by name), computed and
    stored the first time it is needed, as `public_text`. Stored only while the answer is
    still the one masked: a new answer meanwhile is masked when it is first read."""
    if complaint.answer and not complaint.public_answer:
        answer = redact(complaint.answer, names=reporter_names(complaint))
        type(complaint).objects.filter(pk=complaint.pk, answer=complaint.answer).update(
            public_answer=answer
        )
        complaint.public_answer = answer
    return complaint.public_answer


def public_notes(complaint, events) -> list[str]:
    """The masked notes of `events` (the complaint's), computed in one pass and stored for
    those that have none yet. A note never changes once written, so a stored one holds."""
    todo = [e for e in events if e.note and not e.public_note]
    if todo:
        notes = redact_all([e.note for e in todo], names=reporter_names(complaint))
        for event, note in zip(todo, notes, strict=True):
            event.public_note = note
        type(todo[0]).objects.bulk_update(todo, ["public_note"])
    return [e.public_note for e in events]
