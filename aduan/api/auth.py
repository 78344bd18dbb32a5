"""Who is calling: a machine client with an API key, or a browser session (with CSRF)."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from aduan.accounts.models import ApiKey

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer adn_…` — the key's user acts with its memberships."""

    def authenticate(self, request, token: str):
        key = ApiKey.objects.authenticate(token)
        if key is None or not key.user.is_active:
            return None
        request.user = key.user
        return key.user


class StaffSessionAuth(SessionAuth):
    """The logged-in browser session, with Django's CSRF check on unsafe methods."""

    def __call__(self, request):
        # Without a logged-in session there is nothing to forge: a client with a missing or
        # wrong key must hear 401, not a CSRF failure that sends it looking elsewhere.
        if not request.user.is_authenticated:
            return None
        try:
            return super().__call__(request)
        except HttpError as exc:
            if exc.status_code == 403:  # ninja's CSRF failure, worded in English
                raise csrf_failed() from None
            raise


def csrf_failed() -> HttpError:
    return HttpError(403, _("Pemeriksaan CSRF gagal; muat ulang halaman lalu coba lagi."))


STAFF_AUTH = [ApiKeyAuth(), StaffSessionAuth(csrf=True)]


def caller(request):
    """The optional caller of a public endpoint: API-key user, session user, or anonymous.

    A bad key is an error rather than silently anonymous, so a misconfigured client learns
    at once; a session on an unsafe method must pass the CSRF check.
    """
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, token = header.partition(" ")
        # Schemes are case-insensitive (RFC 7235 §2.1), as ninja's HttpBearer on /queue reads them.
        bearer = scheme.lower() == "bearer"
        user = ApiKeyAuth().authenticate(request, token.strip()) if bearer else None
        if user is None:
            raise AuthenticationError()
        return user
    user = getattr(request, "user", AnonymousUser())
    if user.is_authenticated and request.method in UNSAFE and check_csrf(request):
        raise csrf_failed()
    return user if user.is_authenticated else None
