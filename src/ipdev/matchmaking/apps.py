from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "ipdev.matchmaking"
    label = "matchmaking"
    verbose_name = "WIPO Match: needs, offers and matches"
