from django.apps import AppConfig


class IatiConfig(AppConfig):
    name = "ipdev.iati"
    label = "iati"
    verbose_name = "IATI"
