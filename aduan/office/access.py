"""Who may open an office page: logged in (else to the login page), with a staff scope (else
403), and for some pages a particular role. Domain NotFound/Forbidden become 404/403 pages."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from aduan.accounts.scopes import Scope, scope_of
from aduan.core.errors import DomainError


def error_page(request, status: int, message: str = ""):
    if not message:
        message = (
            _("Halaman ini hanya untuk petugas yang berwenang.")
            if status == 403
            else _(
                "Laporan atau halaman ini tidak ditemukan, atau Anda tidak berwenang melihatnya."
            )
        )
    titles = {403: _("Akses ditolak"), 404: _("Tidak ditemukan")}
    title = titles.get(status, _("Tidak dapat diproses"))
    return render(request, "office/error.html", {"title": title, "message": message}, status=status)


def staff_page(allowed: Callable[[Scope], bool] | None = None):
    """Wrap an office view: login, staff scope, `allowed(scope)`; sets `request.scope`."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            scope = scope_of(request.user)
            if not scope.is_staff or (allowed is not None and not allowed(scope)):
                return error_page(request, 403)
            request.scope = scope
            try:
                return view(request, *args, **kwargs)
            except DomainError as error:
                # Anything a view did not turn into a form error: not found or not allowed.
                status = error.status if error.status in (403, 404) else 409
                return error_page(request, status, "" if status == 404 else error.message)

        return wrapper

    return decorate


def is_verifier(scope: Scope) -> bool:
    return bool(scope.verifier_regions)


def in_agency(scope: Scope) -> bool:
    return bool(scope.agency_paths)


def is_supervisor(scope: Scope) -> bool:
    return bool(scope.supervisor_paths)


def oversees(scope: Scope) -> bool:
    return scope.oversight or scope.admin
