from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "ipdev.activities"
    label = "activities"
    verbose_name = "Technical assistance activities"
