from django.apps import AppConfig


class DirectoriesConfig(AppConfig):
    name = "ipdev.directories"
    label = "directories"
    verbose_name = "Knowledge directories"
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, *, seed: int) -> str:
        from .demo import load_demo

        return load_demo(seed=seed)
