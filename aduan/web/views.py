"""The site's own answers to requests that never reach a view: unreadable ones (400) and
forms refused by the CSRF check (403). Django's stock pages are English; its 400 view, which
reads the form again for its CSRF token, turned an undecodable form into a 500."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from aduan.api.api import error_response


def bad_request(request, exception=None):
    message = _("Permintaan tidak dapat dibaca: rusak, terlalu banyak isian, atau bukan UTF-8.")
    if request.path.startswith("/api/"):
        return error_response(request, 400, "malformed_body", message)
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    if request.path.startswith("/api/"):
        message = _("Pemeriksaan keamanan formulir gagal: kirim kunci API, bukan cookie sesi.")
        return error_response(request, 403, "csrf_failed", message)
    return render(request, "403_csrf.html", status=403)
