"""Middleware of the whole site.

Server-Timing: how long the application spent on a request, for benchmarks and browsers'
developer tools. Off unless ADUAN_SERVER_TIMING is set (it tells outsiders little, but
nothing that is not needed is sent).

Private responses: whatever answers a signed-in user, or a reporter's secret, is marked
`Cache-Control: private, no-store` unless the view said otherwise. Without it a browser
or a shared proxy may keep a reporter's name and number (heuristic freshness). Everything
else is `no-cache` (kept, but asked about again before each use): a report marked rahasia
or anonim must leave public view at once, not when a CDN's default lifetime runs out.

Refusing NUL: a NUL character in the path or the query string is answered 400 at once.
Nobody types one, and PostgreSQL cannot compare a text with one: any lookup it reached
would fail with a 500. (Bodies are checked where they are read: Django's form fields and the
API's input schemas refuse a NUL by field.)

Indonesian by its other names: a browser asking for `in` (the old code for Indonesian, still
sent by some Android and Java clients), or for a regional language of Indonesia such as
Javanese (`jv`) or Sundanese (`su`), which the site does not have, would get English: the
next language it names, or the fallback. Their tags are rewritten to `id` in the
Accept-Language header, q-values kept, before LocaleMiddleware reads it.
"""

import time

from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from aduan.api.api import error_response


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            # This answers before LocaleMiddleware has chosen the language: choose it as it would.
            with translation.override(translation.get_language_from_request(request)):
                message = _("Alamat atau parameter memuat karakter NUL.")
                if request.path.startswith("/api/"):
                    return error_response(request, 400, "invalid", message)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class IndonesianLanguageTagsMiddleware:
    # Primary language subtags read as Indonesian: the old code `in`, and regional languages
    # of Indonesia whose readers read Indonesian (Javanese, Sundanese, Balinese, Madurese,
    # Minangkabau, Banjar, Acehnese, Buginese).
    AS_INDONESIAN = frozenset({"in", "jv", "su", "ban", "mad", "min", "bjn", "ace", "bug"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = self.rewrite(header)
        return self.get_response(request)

    @classmethod
    def rewrite(cls, header: str) -> str:
        """`in-ID,en-US;q=0.8` → `id,en-US;q=0.8`: each such tag becomes `id`, any
        parameters after it (the q-value) are kept, everything else is left as it was."""
        items = []
        for item in header.split(","):
            tag, sep, params = item.partition(";")
            primary = tag.strip().replace("_", "-").split("-")[0].lower()
            if primary in cls.AS_INDONESIAN:
                item = f"{tag[: len(tag) - len(tag.lstrip())]}id{sep}{params}"
            items.append(item)
        return ",".join(items)


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if "HTTP_X_REPORTER_SECRET" in request.META or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, no_cache=True)
        return response


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response
