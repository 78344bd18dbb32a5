from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "aduan.complaints"
    label = "complaints"
    verbose_name = _("Laporan")

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
