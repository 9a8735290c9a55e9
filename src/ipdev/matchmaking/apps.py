from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "ipdev.matchmaking"
    label = "matchmaking"
    verbose_name = "WIPO Match: needs, offers and matches"

    def load_demo(self, *, seed: int) -> str:
        """Called by `ipdev demo` after the activities (see activities' demo command)."""
        from .demo import generate

        return f"WIPO Match: {generate(seed=seed)} demo needs."
