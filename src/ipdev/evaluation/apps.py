from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "ipdev.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation: surveys, responses, the yearly Development Agenda review"
