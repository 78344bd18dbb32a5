from django.apps import AppConfig


class OfficeConfig(AppConfig):
    """Verifier console, agency back-office, supervisor view."""

    name = "aduan.office"
    label = "office"
