from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The citizen's pages."""

    name = "aduan.portal"
    label = "portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from aduan.portal.views import SUBMITTED_KEY

        def forget_the_last_submission(sender, request, user, **kwargs):
            # Signing in keeps the session's data; the last reporter's key must not pass on.
            if request is not None and hasattr(request, "session"):
                request.session.pop(SUBMITTED_KEY, None)

        user_logged_in.connect(forget_the_last_submission, weak=False)
