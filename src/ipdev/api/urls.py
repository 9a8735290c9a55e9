"""REST API v1 URLs (mounted at /api/v1/, namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import iati, views
from .reference import LISTS
from .schema import DocsView

app_name = "api"
urlpatterns = [
    path("activities/", views.ActivityCollection.as_view(), name="activity-list"),
    path("activities.xml", iati.ActivityIATIFile.as_view(), name="activity-iati"),
    path("activities/<int:pk>/", views.ActivityItem.as_view(), name="activity-detail"),
    path("activities/<int:pk>/status/", views.ActivityStatus.as_view(), name="activity-status"),
    path(
        "activities/<int:pk>/documents/",
        views.ActivityDocuments.as_view(),
        name="activity-documents",
    ),
    path("consents/", views.ConsentCollection.as_view(), name="consent-list"),
    path("consents/<int:pk>/revoke/", views.ConsentRevoke.as_view(), name="consent-revoke"),
    path("reference/", views.ReferenceIndex.as_view(), name="reference"),
    *(
        path(f"reference/{r.name}/", views.reference_view(r).as_view(), name=f"reference-{r.name}")
        for r in LISTS
    ),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
