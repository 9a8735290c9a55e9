"""REST API v1 URLs (mounted at /api/v1/, namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import roster, views
from .reference import LISTS
from .schema import DocsView

app_name = "api"
urlpatterns = [
    path("activities/", views.ActivityCollection.as_view(), name="activity-list"),
    path("activities/<int:pk>/", views.ActivityItem.as_view(), name="activity-detail"),
    path("activities/<int:pk>/status/", views.ActivityStatus.as_view(), name="activity-status"),
    path(
        "activities/<int:pk>/documents/",
        views.ActivityDocuments.as_view(),
        name="activity-documents",
    ),
    path("consents/", views.ConsentCollection.as_view(), name="consent-list"),
    path("consents/<int:pk>/revoke/", views.ConsentRevoke.as_view(), name="consent-revoke"),
    path("consultants/", roster.ConsultantCollection.as_view(), name="consultant-list"),
    path("consultants/<int:pk>/", roster.ConsultantItem.as_view(), name="consultant-detail"),
    path(
        "consultants/<int:pk>/changes/",
        roster.ConsultantChanges.as_view(),
        name="consultant-changes",
    ),
    path("reference/", views.ReferenceIndex.as_view(), name="reference"),
    *(
        path(f"reference/{r.name}/", views.reference_view(r).as_view(), name=f"reference-{r.name}")
        for r in LISTS
    ),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
