from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ipdev.accounts"
    label = "accounts"
    verbose_name = "Accounts"
