"""Domain errors: what went wrong, as a stable code a client can act on.

One API handler and one view helper map these to HTTP answers; nothing a user can type
should reach the client as a 500.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class DomainError(Exception):
    code: str
    message: str
    # Field name → messages, for errors about specific inputs.
    fields: dict[str, list[str]] = field(default_factory=dict)
    status: int = 409

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class NotFound(DomainError):
    def __init__(self, message: str | None = None):
        super().__init__("not_found", message or _("Tidak ditemukan."), status=404)


class Forbidden(DomainError):
    def __init__(self, code: str = "forbidden", message: str | None = None):
        super().__init__(code, message or _("Anda tidak berwenang."), status=403)


class Invalid(DomainError):
    def __init__(self, fields: dict[str, list[str] | str], message: str | None = None):
        normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in fields.items()}
        super().__init__(
            "invalid", message or _("Data tidak valid."), fields=normalised, status=422
        )
