"""Domain errors: what went wrong, as a stable code a client can act on.

One API handler and one view helper map these to HTTP answers; nothing a user can type
should reach the client as a 500.
"""

from dataclasses import dataclass, field


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
    def __init__(self, message: str = "Tidak ditemukan."):
        super().__init__("not_found", message, status=404)


class Forbidden(DomainError):
    def __init__(self, code: str = "forbidden", message: str = "Anda tidak berwenang."):
        super().__init__(code, message, status=403)


class Invalid(DomainError):
    def __init__(self, fields: dict[str, list[str] | str], message: str = "Data tidak valid."):
        normalised = {k: [v] if isinstance(v, str) else list(v) for k, v in fields.items()}
        super().__init__("invalid", message, fields=normalised, status=422)
