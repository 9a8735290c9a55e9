"""The public form asking for an activity's withheld details (mounted beside the portal's
activity pages: /activities/<pk>/request-details/)."""

from django.urls import path

from .workflow import consent

urlpatterns = [
    path(
        "activities/<int:pk>/request-details/",
        consent.details_request_new,
        name="details-request",
    ),
]
