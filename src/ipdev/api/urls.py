"""REST API v1 URLs."""

app_name = "api"
urlpatterns: list = []
