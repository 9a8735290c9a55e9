from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ipdev.portal"
    label = "portal"
    verbose_name = "Public portal"
