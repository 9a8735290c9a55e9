from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ipdev.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from ipdev.core import serving

        from . import engine

        serving.on_warm(engine.warm)  # the server loads the index before it takes requests
