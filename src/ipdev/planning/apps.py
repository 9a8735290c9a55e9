from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "ipdev.planning"
    label = "planning"
    verbose_name = "Planning: requests, country plans, national IP strategies, results"
