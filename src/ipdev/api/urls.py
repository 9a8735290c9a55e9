"""REST API v1 URLs (mounted at /api/v1/, namespace "api")."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import (
    directories,
    downloads,
    evaluation,
    iati,
    imports,
    planning,
    reports,
    results,
    roster,
    strategies,
    tisc,
    tisc_writes,
    views,
)
from . import matchmaking as match
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
    path("downloads/<str:token>/", downloads.DownloadItem.as_view(), name="download-detail"),
    path("downloads/<str:token>/file", downloads.DownloadFile.as_view(), name="download-file"),
    path("iati-imports/", imports.ImportCollection.as_view(), name="iati-import-list"),
    path("iati-imports/<int:pk>/", imports.ImportItem.as_view(), name="iati-import-detail"),
    path("iati-imports/<int:pk>/retry/", imports.ImportRetry.as_view(), name="iati-import-retry"),
    path("consents/", views.ConsentCollection.as_view(), name="consent-list"),
    path("consents/<int:pk>/revoke/", views.ConsentRevoke.as_view(), name="consent-revoke"),
    path("requests/", planning.RequestCollection.as_view(), name="request-list"),
    path("requests/report/", planning.RequestReport.as_view(), name="request-report"),
    path("requests/<int:pk>/", planning.RequestItem.as_view(), name="request-detail"),
    path("requests/<int:pk>/review/", planning.RequestReview.as_view(), name="request-review"),
    path(
        "requests/<int:pk>/consultations/",
        planning.RequestConsultations.as_view(),
        name="request-consultations",
    ),
    path(
        "requests/<int:pk>/decision/", planning.RequestDecision.as_view(), name="request-decision"
    ),
    path("plans/", results.PlanCollection.as_view(), name="plan-list"),
    path("plans/<int:pk>/", results.PlanItem.as_view(), name="plan-detail"),
    path("plans/<int:pk>/compare/", results.PlanCompare.as_view(), name="plan-compare"),
    path("plans/<int:pk>/results/", results.PlanResults.as_view(), name="plan-results"),
    path("da-projects/", results.DAProjectCollection.as_view(), name="da-project-list"),
    path("da-projects/<str:code>/", results.DAProjectItem.as_view(), name="da-project-detail"),
    path("plans/<int:pk>/validate/", strategies.PlanValidate.as_view(), name="plan-validate"),
    path("strategies/", results.StrategyCollection.as_view(), name="strategy-list"),
    path("strategies/<int:pk>/", strategies.StrategyItem.as_view(), name="strategy-detail"),
    path(
        "strategies/<int:pk>/steps/<int:step_pk>/",
        strategies.StrategyStepUpdate.as_view(),
        name="strategy-step",
    ),
    path(
        "strategies/<int:pk>/members/",
        strategies.StrategyMembers.as_view(),
        name="strategy-members",
    ),
    path("needs-assessments/", strategies.AssessmentCollection.as_view(), name="assessment-list"),
    path("indicators/", results.IndicatorCollection.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", results.IndicatorItem.as_view(), name="indicator-detail"),
    path(
        "indicators/<int:pk>/actuals/",
        results.IndicatorActuals.as_view(),
        name="indicator-actuals",
    ),
    path("actuals/<int:pk>/submit/", results.ActualSubmit.as_view(), name="actual-submit"),
    path("actuals/<int:pk>/approve/", results.ActualApprove.as_view(), name="actual-approve"),
    path("actuals/<int:pk>/return/", results.ActualReturn.as_view(), name="actual-return"),
    path("surveys/", evaluation.SurveyCollection.as_view(), name="survey-list"),
    path("surveys/<int:pk>/", evaluation.SurveyItem.as_view(), name="survey-detail"),
    path("survey-answers/<str:token>/", evaluation.SurveyAnswer.as_view(), name="survey-answer"),
    path("da-review/", evaluation.DAReviewView.as_view(), name="da-review"),
    path(
        "reports/country/<str:code>.<str:fmt>",
        reports.CountryReportFile.as_view(),
        name="report-country",
    ),
    path("reports/da.<str:fmt>", reports.DAReportFile.as_view(), name="report-da"),
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
    path("registers/", directories.RegisterCollection.as_view(), name="register-list"),
    path("registers/<str:code>/", directories.RegisterItem.as_view(), name="register-detail"),
    path(
        "database-reports/", directories.DatabaseCollection.as_view(), name="database-report-list"
    ),
    path(
        "landscape-reports/",
        directories.LandscapeCollection.as_view(),
        name="landscape-report-list",
    ),
    path("policies/", directories.PolicyCollection.as_view(), name="policy-list"),
    path(
        "directory-suggestions/",
        directories.SuggestionCollection.as_view(),
        name="directory-suggestion-list",
    ),
    path("tisc/networks/", tisc_writes.NetworkCollection.as_view(), name="tisc-network-list"),
    path("tisc/networks/<int:pk>/", tisc_writes.NetworkItem.as_view(), name="tisc-network-detail"),
    path(
        "tisc/networks/<int:pk>/agreement/",
        tisc_writes.NetworkAgreement.as_view(),
        name="tisc-network-agreement",
    ),
    path(
        "tisc/networks/<int:pk>/assessments/",
        tisc_writes.NetworkAssessments.as_view(),
        name="tisc-assessments",
    ),
    path(
        "tisc/networks/<int:pk>/certifications/",
        tisc_writes.NetworkCertifications.as_view(),
        name="tisc-enrol",
    ),
    path(
        "tisc/certifications/<int:pk>/phases/",
        tisc_writes.CertificationPhase.as_view(),
        name="tisc-phase",
    ),
    path(
        "tisc/centre-changes/<int:pk>/approve/",
        tisc_writes.CentreChangeApprove.as_view(),
        name="tisc-change-approve",
    ),
    path(
        "tisc/centre-changes/<int:pk>/reject/",
        tisc_writes.CentreChangeReject.as_view(),
        name="tisc-change-reject",
    ),
    path("tisc/networks/<int:pk>/reports/", tisc.NetworkReports.as_view(), name="tisc-reports"),
    path(
        "tisc/networks/<int:pk>/reports/upload/",
        tisc.NetworkReportUpload.as_view(),
        name="tisc-report-upload",
    ),
    path(
        "tisc/networks/<int:pk>/work-plans/",
        tisc.NetworkWorkPlans.as_view(),
        name="tisc-work-plans",
    ),
    path(
        "tisc/networks/<int:pk>/centre-changes/",
        tisc.NetworkCentreChanges.as_view(),
        name="tisc-centre-changes",
    ),
    path("tisc/centres/", tisc_writes.CentreCollection.as_view(), name="tisc-centre-list"),
    path("tisc/centres/<int:pk>/", tisc_writes.CentreItem.as_view(), name="tisc-centre-detail"),
    path("tisc/stories/", tisc.StoryCollection.as_view(), name="tisc-stories"),
    path("tisc/reports/<int:pk>/", tisc.ReportItem.as_view(), name="tisc-report-detail"),
    path("tisc/reports/<int:pk>/submit/", tisc.ReportSubmit.as_view(), name="tisc-report-submit"),
    path(
        "tisc/reports/<int:pk>/approve/", tisc.ReportApprove.as_view(), name="tisc-report-approve"
    ),
    path("tisc/reports/<int:pk>/return/", tisc.ReportReturn.as_view(), name="tisc-report-return"),
    path(
        "tisc/certifications/",
        tisc.CertificationCollection.as_view(),
        name="tisc-certification-list",
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
