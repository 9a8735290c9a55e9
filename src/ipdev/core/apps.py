from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ipdev.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import serving, siteurl  # noqa: F401  (siteurl: the deploy check of IPDEV_SITE_URL)

        serving.on_warm(serving.warm_pages)  # the server's first requests cost as later ones
