from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "ipdev.backoffice"
    label = "backoffice"
    verbose_name = "Back office"

    def ready(self) -> None:
        from . import waiting_items  # noqa: F401  (registers the start page's items)
