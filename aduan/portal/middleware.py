"""The confirmation page's private link lives in the session only while the reporter is on
that page: any other page they open forgets it."""

from aduan.portal.views import SUBMITTED_KEY

# The page itself, and the language switch it offers (which comes back to it).
KEEPS_IT = {"portal:submitted", "set_language"}


class ForgetSubmittedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only requests that reached a view: a missing favicon or a static file (served
        # before this) must not take the link from the page that is showing it.
        if request.resolver_match.view_name not in KEEPS_IT and SUBMITTED_KEY in request.session:
            del request.session[SUBMITTED_KEY]
