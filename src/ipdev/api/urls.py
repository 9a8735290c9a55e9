"""REST API v1 URLs (mounted at /api/v1/, namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import matchmaking as match
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
    path("needs/", match.NeedCollection.as_view(), name="need-list"),
    path("needs/<int:pk>/", match.NeedItem.as_view(), name="need-detail"),
    path("needs/<int:pk>/submit/", match.NeedSubmit.as_view(), name="need-submit"),
    path("needs/<int:pk>/assessment/", match.NeedAssessment.as_view(), name="need-assessment"),
    path(
        "needs/<int:pk>/suggestions/",
        match.NeedSuggestions.as_view(),
        name="need-suggestions",
    ),
    path("offers/", match.OfferCollection.as_view(), name="offer-list"),
    path("offers/<int:pk>/", match.OfferItem.as_view(), name="offer-detail"),
    path("offers/<int:pk>/submit/", match.OfferSubmit.as_view(), name="offer-submit"),
    path("offers/<int:pk>/assessment/", match.OfferAssessment.as_view(), name="offer-assessment"),
    path(
        "offers/<int:pk>/suggestions/",
        match.OfferSuggestions.as_view(),
        name="offer-suggestions",
    ),
    path("matches/", match.MatchCollection.as_view(), name="match-list"),
    path("matches/<int:pk>/", match.MatchItem.as_view(), name="match-detail"),
    path("matches/<int:pk>/state/", match.MatchState.as_view(), name="match-state"),
    path("matches/<int:pk>/agreement/", match.MatchAgreement.as_view(), name="match-agreement"),
    path("matches/<int:pk>/activities/", match.MatchActivities.as_view(), name="match-activities"),
    path("reference/", views.ReferenceIndex.as_view(), name="reference"),
    *(
        path(f"reference/{r.name}/", views.reference_view(r).as_view(), name=f"reference-{r.name}")
        for r in LISTS
    ),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(), name="docs"),
]
