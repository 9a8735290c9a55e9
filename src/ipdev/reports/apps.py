from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ipdev.reports"
    label = "reports"
    verbose_name = "Reports"
