"""The HTTP API at /api/v1: one NinjaAPI, one place that turns errors into answers."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from aduan.api import complaints, directory, office
from aduan.core.errors import DomainError

api = NinjaAPI(
    title="aduan API",
    version="1",
    description="Pengaduan pelayanan publik nasional — national public-service complaints.",
    urls_namespace="api",
)
api.add_router("", complaints.router)
api.add_router("", office.router)
api.add_router("/directory", directory.router)


def _error(request, status: int, code: str, message: str, fields=None):
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or {}}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return _error(request, exc.status, exc.code, exc.message, exc.fields)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        # loc is ("body", "payload", "title") or ("query", "limit"): keep the field path.
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "q")]
        name = ".".join(loc[1:] if loc and loc[0] in ("query", "path", "header") else loc)
        fields.setdefault(name or "__all__", []).append(error.get("msg", "invalid"))
    return _error(request, 422, "invalid", "Data tidak valid.", fields)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, "unauthorized", "Autentikasi diperlukan.")


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return _error(request, exc.status_code, f"http_{exc.status_code}", str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, "not_found", "Tidak ditemukan.")
