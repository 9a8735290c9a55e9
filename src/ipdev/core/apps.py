from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ipdev.core"
    label = "core"
    verbose_name = "Core"
