from django.apps import AppConfig


class WebConfig(AppConfig):
    """What every page shares: the layout, the style sheet, error handling for forms."""

    name = "aduan.web"
    label = "web"
