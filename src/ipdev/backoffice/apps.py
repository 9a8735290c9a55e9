from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "ipdev.backoffice"
    label = "backoffice"
    verbose_name = "Back office"
