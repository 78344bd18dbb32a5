"""The HTTP API at /api/v1: one NinjaAPI, one place that turns errors into answers."""

import logging
from datetime import UTC, datetime
from functools import wraps
from inspect import iscoroutinefunction

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
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


class NotAnObject(ValueError):
    """A JSON body that parses but is no object: `[]`, `"x"`, `null`."""


class ObjectParser(Parser):
    """Every JSON body of this API is an object. Ninja would validate a schema against any
    JSON value, reading attributes off it: `"x"` passed as a complaint whose title is the
    method `str.title`, `[1, 2]` as one with every field missing, and `null` as no body, so an
    action ran with its defaults."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject
        return data


class Api(NinjaAPI):
    """A NinjaAPI that answers in its JSON error shape under its whole prefix, where Django
    and ninja would answer in HTML or plain text: a method the path does not take, the bare
    prefix, and a path no operation has (the portal's 404 page means nothing to a client)."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and not iscoroutinefunction(pattern.callback):
                pattern.callback = _json_refusals(pattern.callback)
        patterns.append(re_path(r"^", unknown_path))  # last: only what nothing else matched
        return patterns, app_name, namespace


def _json_refusals(view):
    @wraps(view)  # keeps ninja's csrf_exempt mark
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # raised outside any operation: only by the root, which has no page
            return not_found(request, None)
        if isinstance(response, HttpResponseNotAllowed):
            refused = error_response(
                request,
                405,
                "method_not_allowed",
                _("Metode ini tidak diizinkan di alamat ini."),
            )
            refused["Allow"] = response["Allow"]
            return refused
        return response

    return wrapper


@csrf_exempt  # a POST to a wrong path is told so, not refused for a missing CSRF token
def unknown_path(request):
    return not_found(request, None)


api = Api(
    renderer=Renderer(),
    parser=ObjectParser(),
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
    "int_from_float": gettext_lazy("Harus berupa bilangan bulat."),
    "float_parsing": gettext_lazy("Harus berupa bilangan."),
    "float_type": gettext_lazy("Harus berupa bilangan."),
    "finite_number": gettext_lazy("Harus berupa bilangan."),
    "date_parsing": gettext_lazy("Harus berupa tanggal YYYY-MM-DD."),
    "date_type": gettext_lazy("Harus berupa tanggal YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Harus berupa tanggal YYYY-MM-DD."),
    "date_from_datetime_inexact": gettext_lazy("Harus berupa tanggal YYYY-MM-DD."),
    "string_unicode": gettext_lazy("Memuat karakter yang tidak sah (surrogate Unicode)."),
    # pydantic would show the regular expression.
    "string_pattern_mismatch": gettext_lazy("Formatnya tidak sesuai."),
    # What our own validators raise (schemas.TextIn), and the email library's English reasons.
    "nul_character": gettext_lazy("Tidak boleh memuat karakter NUL."),
    "value_error": gettext_lazy("Nilai tidak valid."),
}

# Where the field says more than the error type can: keyed by (type, last part of the path).
FIELD_MESSAGES = {
    ("string_pattern_mismatch", "region"): gettext_lazy(
        "Format kode wilayah tidak sesuai, misalnya 35.78.04.1002."
    ),
    ("string_pattern_mismatch", "phone"): gettext_lazy(
        "Tulis nomor telepon dengan angka saja, misalnya 0812 3456 7890."
    ),
    ("value_error", "email"): gettext_lazy("Alamat surel tidak valid."),
    # Also what a multipart part whose filename is not UTF-8 comes to: Django drops the part.
    ("missing", "file"): gettext_lazy(
        "Wajib diisi: satu berkas di bagian multipart bernama file, nama berkasnya dalam UTF-8."
    ),
}


def _validation_message(error: dict, field: str) -> str:
    kind = error.get("type", "")
    template = FIELD_MESSAGES.get((kind, field)) or VALIDATION_MESSAGES.get(kind)
    ctx = dict(error.get("ctx") or {})
    if kind in ("literal_error", "enum") and "expected" in ctx:
        # pydantic joins the last choice with an English "or"; our choices are codes
        # without spaces, so the split is safe.
        ctx["expected"] = ", ".join(str(ctx["expected"]).rsplit(" or ", 1))
    try:
        return str(template) % ctx if template else error.get("msg", "invalid")
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
        message = _validation_message(error, loc[-1] if loc else "")
        fields.setdefault(name or "__all__", []).append(message)
    return error_response(request, 422, "invalid", _("Data tidak valid."), fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response(request, 401, "unauthorized", _("Autentikasi diperlukan."))


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja raises HttpError(400, "Cannot parse request body") from the parser's error.
    if isinstance(exc.__cause__, NotAnObject):
        return error_response(
            request,
            422,
            "invalid",
            _("Data tidak valid."),
            {"__all__": [_("Harus berupa objek JSON.")]},
        )
    if exc.status_code == 400 and exc.__cause__ is not None:
        return error_response(
            request, 400, "malformed_body", _("Isi permintaan bukan JSON yang sah.")
        )
    code = "malformed_body" if exc.status_code == 400 else f"http_{exc.status_code}"
    return error_response(request, exc.status_code, code, str(exc))


# Django's refusals of a request body, raised where ninja first reads it. Without these
# handlers they reach Django, which answers with its English HTML 400 page.
def _security_refusal(request, exc: SuspiciousOperation, status: int, code: str, message: str):
    # As Django would have logged it: the security log is where an operator looks for abuse.
    logging.getLogger(f"django.security.{type(exc).__name__}").error(
        str(exc), extra={"status_code": status}
    )
    return error_response(request, status, code, message)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request, exc: RequestDataTooBig):
    most = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // 2**20
    message = _("Isi permintaan terlalu besar (maksimal %d MB).") % most
    return _security_refusal(request, exc, 413, "too_large", message)


@api.exception_handler(TooManyFieldsSent)
def too_many_fields(request, exc: TooManyFieldsSent):
    message = _("Terlalu banyak isian dalam satu permintaan.")
    return _security_refusal(request, exc, 400, "too_many_fields", message)


@api.exception_handler(TooManyFilesSent)
def too_many_files(request, exc: TooManyFilesSent):
    message = _("Terlalu banyak berkas dalam satu permintaan.")
    return _security_refusal(request, exc, 400, "too_many_files", message)


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc: SuspiciousOperation):
    return _security_refusal(
        request, exc, 400, "bad_request", _("Permintaan ini tidak dapat diterima.")
    )


@api.exception_handler(MultiPartParserError)
def malformed_multipart(request, exc: MultiPartParserError):
    # No boundary, or a part's headers over Django's limit (a 5,000-character filename).
    return error_response(request, 400, "malformed_body", _("Isi multipart tidak dapat dibaca."))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(request, 404, "not_found", _("Tidak ditemukan."))
