"""Back-office workflow URLs (mounted at /backoffice/work/, namespace "backoffice-work")."""

from django.urls import path

from .workflow import requests

app_name = "backoffice-work"
urlpatterns = [
    path("", requests.workspace, name="home"),
    path("requests/", requests.request_list, name="requests"),
    path("requests/new/", requests.request_new, name="request-new"),
    path("requests/report/", requests.requests_report, name="requests-report"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/letter/", requests.request_letter, name="request-letter"),
    path("requests/<int:pk>/review/", requests.request_review, name="request-review"),
    path("requests/<int:pk>/consult/", requests.request_consult, name="request-consult"),
    path("requests/<int:pk>/decide/", requests.request_decide, name="request-decide"),
]
