"""Public portal URLs."""

app_name = "portal"
urlpatterns: list = []
