from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    """The router inside the product: suggestions, auto-disposal, models, live accuracy."""

    name = "aduan.triage"
    label = "triage"
    verbose_name = _("Disposisi otomatis")

    def ready(self) -> None:
        from aduan.complaints.workflow import action_taken
        from aduan.triage import outcomes

        action_taken.connect(outcomes.record, dispatch_uid="triage.outcomes")
