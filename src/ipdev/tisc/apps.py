from django.apps import AppConfig


class TiscConfig(AppConfig):
    name = "ipdev.tisc"
    label = "tisc"
    verbose_name = "TISC networks: centres, work plans and reports (TPPM), certification"

    def load_demo(self, *, seed: int) -> str:
        """Called by `ipdev demo` after the activities (see activities' demo command)."""
        from .demo import generate

        return generate(seed=seed)
