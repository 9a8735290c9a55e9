from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ipdev.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import siteurl  # noqa: F401  (registers the deploy check of IPDEV_SITE_URL)
