"""Back-office workflow URLs (mounted at /backoffice/work/, namespace "backoffice-work")."""

from django.urls import path

from .workflow import plans, requests

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
    path("plans/", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_new, name="plan-new"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/lines/", plans.plan_line_add, name="plan-line-add"),
    path("plans/<int:pk>/lines/<int:line_pk>/", plans.plan_line_edit, name="plan-line"),
    path("plans/<int:pk>/consultations/", plans.plan_consultation, name="plan-consultation"),
    path("plans/<int:pk>/agree/", plans.plan_agree, name="plan-agree"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan-review"),
    path("plans/<int:pk>/compare/", plans.plan_compare, name="plan-compare"),
    path("strategies/new/", plans.strategy_new, name="strategy-new"),
    path("strategies/<int:pk>/", plans.strategy_detail, name="strategy"),
    path("strategies/<int:pk>/steps/<int:step_pk>/", plans.strategy_step, name="strategy-step"),
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
