"""The HTTP API at /api/v1: one NinjaAPI, one place that turns errors into answers."""

from datetime import UTC, datetime

from django.http import Http404
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
        fields.setdefault(name or "__all__", []).append(error.get("msg", "invalid"))
    return error_response(request, 422, "invalid", "Data tidak valid.", fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return error_response(request, 401, "unauthorized", "Autentikasi diperlukan.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja raises HttpError(400) for a body that is not JSON at all.
    code = "malformed_body" if exc.status_code == 400 else f"http_{exc.status_code}"
    return error_response(request, exc.status_code, code, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(request, 404, "not_found", "Tidak ditemukan.")
