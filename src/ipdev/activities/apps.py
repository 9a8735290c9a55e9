from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "ipdev.activities"
    label = "activities"
    verbose_name = "Technical assistance activities"

    def ready(self) -> None:
        from ipdev.core import serving

        from . import labels, participants

        serving.on_warm(labels.warm)
        serving.on_warm(participants.warm)
