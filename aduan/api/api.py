"""The HTTP API at /api/v1: one NinjaAPI, one place that turns errors into answers."""

from datetime import UTC, datetime

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from aduan.api import complaints, directory, office
from aduan.core.errors import DomainError


class UTCEncoder(NinjaJSONEncoder):
    """Every moment in UTC, whichever zone it was computed in, so equal values look equal."""

    def default(self, o):
        if isinstance(o, datetime) and o.tzinfo is not None:
            o = o.astimezone(UTC)
        return super().default(o)


class Renderer(JSONRenderer):
    encoder_class = UTCEncoder


api = NinjaAPI(
    renderer=Renderer(),
    title="aduan API",
    version="1",
    description="Pengaduan pelayanan publik nasional — national public-service complaints.",
    urls_namespace="api",
)
api.add_router("", complaints.router)
api.add_router("", office.router)
api.add_router("/directory", directory.router)


def error_response(request, status: int, code: str, message: str, fields=None):
    """The API's one shape of an error answer (`ErrorOut`)."""
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return error_response(request, exc.status, exc.code, exc.message, exc.fields)


# pydantic's messages are English whatever the caller reads: the common ones in the caller's
# language, with the limits from the error's context; the rare rest as pydantic words them.
VALIDATION_MESSAGES = {
    "missing": gettext_lazy("Wajib diisi."),
    "string_too_short": gettext_lazy("Paling sedikit %(min_length)s karakter."),
    "string_too_long": gettext_lazy("Paling banyak %(max_length)s karakter."),
    "string_type": gettext_lazy("Harus berupa teks."),
    "int_parsing": gettext_lazy("Harus berupa bilangan bulat."),
    "int_type": gettext_lazy("Harus berupa bilangan bulat."),
    "bool_parsing": gettext_lazy("Harus true atau false."),
    "bool_type": gettext_lazy("Harus true atau false."),
    "greater_than_equal": gettext_lazy("Paling kecil %(ge)s."),
    "less_than_equal": gettext_lazy("Paling besar %(le)s."),
    "literal_error": gettext_lazy("Pilih salah satu dari: %(expected)s."),
    "enum": gettext_lazy("Pilih salah satu dari: %(expected)s."),
    "extra_forbidden": gettext_lazy("Isian ini tidak dikenal."),
    "json_invalid": gettext_lazy("Bukan JSON yang sah."),
    "model_attributes_type": gettext_lazy("Harus berupa objek."),
    "dict_type": gettext_lazy("Harus berupa objek."),
    "list_type": gettext_lazy("Harus berupa daftar."),
}


def _validation_message(error: dict) -> str:
    template = VALIDATION_MESSAGES.get(error.get("type", ""))
    try:
        return str(template) % error.get("ctx", {}) if template else error.get("msg", "invalid")
    except (KeyError, TypeError, ValueError):  # a context without the expected limit
        return error.get("msg", "invalid")


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is ("body", "payload", "title") or ("query", "limit"): keep the field path.
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header", "form", "file"):
            loc = loc[1:]
        if loc and loc[0] in ("payload", "q"):
            loc = loc[1:]
        name = ".".join(loc)
        fields.setdefault(name or "__all__", []).append(_validation_message(error))
    return error_response(request, 422, "invalid", _("Data tidak valid."), fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response(request, 401, "unauthorized", _("Autentikasi diperlukan."))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja raises HttpError(400) for a body that is not JSON at all.
    code = "malformed_body" if exc.status_code == 400 else f"http_{exc.status_code}"
    return error_response(request, exc.status_code, code, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(request, 404, "not_found", _("Tidak ditemukan."))
