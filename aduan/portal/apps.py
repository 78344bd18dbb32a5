from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The citizen's pages."""

    name = "aduan.portal"
    label = "portal"
