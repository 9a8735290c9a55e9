from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "ipdev.roster"
    label = "roster"
    verbose_name = "Roster of consultants"
    default_auto_field = "django.db.models.BigAutoField"

    def load_demo(self, *, seed: int) -> str:
        """Called by `ipdev demo` after the activities (see activities' demo command)."""
        from .demo import generate

        return f"Roster: {generate(seed=seed)} demo consultants."
