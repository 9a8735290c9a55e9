"""Back-office workflow URLs (mounted at /backoffice/work/, namespace "backoffice-work")."""

from django.urls import path

from .workflow import assessments, consent, directories, plans, requests, results, surveys

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
    path("consent/", consent.consent_home, name="consent"),
    path("consent/<str:code>/", consent.consent_country, name="consent-country"),
    path("activities/<int:pk>/consent/", consent.activity_consent, name="activity-consent"),
    path("consents/<int:pk>/revoke/", consent.consent_revoke, name="consent-revoke"),
    path("details-requests/", consent.details_request_list, name="details-requests"),
    path("details-requests/<int:pk>/", consent.details_request_detail, name="details-request"),
    *(
        path(
            f"details-requests/<int:pk>/{d}/",
            consent.details_request_decide,
            {"decision": d},
            name=f"details-request-{d}",
        )
        for d in ("grant", "decline")
    ),
    path("directories/", directories.curation, name="directories"),
    path(
        "directories/suggestions/<int:pk>/",
        directories.suggestion_decide,
        name="directory-suggestion",
    ),
    path("directories/verify/", directories.entry_verify, name="directory-verify"),
    path("plans/", plans.plan_list, name="plans"),
    path("needs-assessments/", assessments.needs_assessments, name="needs-assessments"),
    path("plans/new/", plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/lines/", plans.plan_line_add, name="plan-line-add"),
    path("plans/<int:pk>/lines/<int:line_pk>/", plans.plan_line_edit, name="plan-line"),
    path("plans/<int:pk>/consultations/", plans.plan_consultation, name="plan-consultation"),
    path("plans/<int:pk>/agree/", plans.plan_agree, name="plan-agree"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/validate/", plans.plan_validate, name="plan-validate"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan-review"),
    path("plans/<int:pk>/compare/", plans.plan_compare, name="plan-compare"),
    path("plans/<int:pk>/results/", results.plan_results, name="plan-results"),
    path("results/", results.results_home, name="results"),
    path("indicators/new/", results.indicator_new, name="indicator-new"),
    path("indicators/<int:pk>/", results.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/targets/", results.indicator_target, name="indicator-target"),
    path("indicators/<int:pk>/actuals/", results.indicator_actual, name="indicator-actual"),
    *(
        path(
            f"actuals/<int:pk>/{step}/", results.actual_step, {"step": step}, name=f"actual-{step}"
        )
        for step in ("submit", "approve", "return")
    ),
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/new/", surveys.survey_new, name="survey-new"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey"),
    path("surveys/<int:pk>/questions/", surveys.survey_question, name="survey-question"),
    path("surveys/<int:pk>/invite/", surveys.survey_invite, name="survey-invite"),
    *(
        path(f"surveys/<int:pk>/{a}/", surveys.survey_action, {"action": a}, name=f"survey-{a}")
        for a in ("remind", "close", "feed")
    ),
    path("da-review/", surveys.da_review, name="da-review"),
    path("da-review.pdf", surveys.da_review_pdf, name="da-review-pdf"),
    path("strategies/new/", plans.strategy_new, name="strategy-new"),
    path("strategies/<int:pk>/", plans.strategy_detail, name="strategy"),
    path("strategies/<int:pk>/steps/<int:step_pk>/", plans.strategy_step, name="strategy-step"),
    path("strategies/<int:pk>/members/", plans.strategy_member_add, name="strategy-member-add"),
    path(
        "strategies/<int:pk>/members/<int:member_pk>/remove/",
        plans.strategy_member_remove,
        name="strategy-member-remove",
    ),
    path(
        "strategies/<int:pk>/steps/<int:step_pk>/documents/",
        plans.strategy_document,
        name="strategy-document",
    ),
    path(
        "strategies/<int:pk>/documents/<int:document_pk>/",
        plans.strategy_document_download,
        name="strategy-document-download",
    ),
]
