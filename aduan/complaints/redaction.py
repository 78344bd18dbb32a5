"""Public text: what anyone may read of a complaint.

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


def _label(match: re.Match) -> str:
    kind = match.group(1)
    return f"[{_LABELS.get(kind, kind)}]"


def redact(text: str, *, names: tuple[str, ...] = ()) -> str:
    """Mask personal data in `text`; `names` (the reporter's own) are always masked."""
    for name in names:
        if name and len(name) >= 3:
            text = re.sub(re.escape(name), "[nama]", text, flags=re.IGNORECASE)
    masked = lokal.mask_pii(text, types=MASKED_TYPES).text
    # Any long digit run the detector did not classify is still somebody's number.
    masked = _LONG_NUMBER.sub("[nomor]", masked)
    return _PLACEHOLDER.sub(_label, masked)
