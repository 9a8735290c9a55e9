from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "ipdev.reference"
    label = "reference"
    verbose_name = "Reference data"
