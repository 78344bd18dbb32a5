"""Reading switches from the environment: one reading for every on/off variable.

A value that is neither on nor off is refused at start-up: `ADUAN_HTTPS=enabled` turned
secure cookies and HSTS off, and `ACCESS_LOG=0` turned the access log (which carries
private-link secrets) on.
"""

import os

ON = frozenset({"1", "true", "yes", "on"})
OFF = frozenset({"0", "false", "no", "off", ""})


def flag(name: str, default: bool = False) -> bool:
    """The on/off variable `name`, `default` when it is not set."""
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in ON:
        return True
    if value in OFF:
        return False
    raise ValueError(f"{name}={value!r}: use 1/true/yes/on or 0/false/no/off")
