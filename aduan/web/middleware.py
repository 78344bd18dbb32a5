"""Server-Timing: how long the application spent on a request, for benchmarks and browsers'
developer tools. Off unless ADUAN_SERVER_TIMING is set (it tells outsiders little, but
nothing that is not needed is sent)."""

import time


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response
