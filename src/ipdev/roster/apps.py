from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "ipdev.roster"
    label = "roster"
    verbose_name = "Roster of consultants"
    default_auto_field = "django.db.models.BigAutoField"
