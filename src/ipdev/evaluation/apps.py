from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "ipdev.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation: surveys, responses, the yearly Development Agenda review"

    def load_demo(self, *, seed: int) -> str:
        """Called by `ipdev demo` after the activities (see activities' demo command)."""
        from .demo import generate

        return generate(seed=seed)
