"""Public identifiers: short, unguessable, easy to read aloud and type on a phone."""

import secrets

# Crockford base32: no I, L, O or U, so nothing is mistaken for 1, 0 or V when read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
TRACKING_PREFIX = "LPR-"
TRACKING_LENGTH = 8  # 40 random bits


def new_tracking_id() -> str:
    return TRACKING_PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(TRACKING_LENGTH))


def normalise_tracking_id(raw: str) -> str:
    """Accept what people type: lower case, spaces, dashes, a missing prefix, O for 0."""
    text = "".join(raw.split()).upper().replace("-", "")
    if text.startswith("LPR"):
        text = text[3:]
    return TRACKING_PREFIX + text.translate(_CONFUSABLE)
