from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ipdev.search"
    label = "search"
    verbose_name = "Search"
