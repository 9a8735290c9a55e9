from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ipdev.api"
    label = "api"
    verbose_name = "REST API"
