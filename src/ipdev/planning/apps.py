from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "ipdev.planning"
    label = "planning"
    verbose_name = "Planning: requests, country plans, national IP strategies, results"

    def load_demo(self, *, seed: int) -> str:
        """Called by `ipdev demo` after the activities (see activities' demo command)."""
        from .demo import generate

        return generate(seed=seed)
