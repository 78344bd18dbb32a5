from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    """The router inside the product: suggestions, auto-disposal, models, live accuracy."""

    name = "aduan.triage"
    label = "triage"
    verbose_name = _("Disposisi otomatis")

    def ready(self) -> None:
        from aduan.complaints.signals import complaint_submitted

        complaint_submitted.connect(_route_new_complaint, dispatch_uid="triage-route")


def _route_new_complaint(sender, complaint_id: int, **kwargs) -> None:
    import logging

    from aduan.triage import service

    try:
        service.suggest(complaint_id)
    except Exception:
        # The complaint is safely recorded; a routing failure only leaves it to verifiers.
        logging.getLogger(__name__).exception("routing complaint %s failed", complaint_id)
