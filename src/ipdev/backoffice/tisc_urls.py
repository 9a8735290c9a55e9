"""TISC workspace URLs, included under /workspace/tisc/ in the workspace's namespace."""

from django.urls import path

from . import tisc as views

REPORT = "networks/<int:pk>/reports/<int:year>/<int:quarter>/"

urlpatterns = [
    path("", views.home, name="tisc"),
    path("networks/<int:pk>/", views.network, name="tisc_network"),
    path("networks/<int:pk>/agreement/", views.agreement, name="tisc_agreement"),
    path("networks/<int:pk>/do/<str:action>/", views.network_action, name="tisc_network_action"),
    path(REPORT, views.report_edit, name="tisc_report_edit"),
    path(f"{REPORT}template.xlsx", views.report_template, name="tisc_report_template"),
    path(f"{REPORT}upload/", views.report_upload, name="tisc_report_upload"),
    path("networks/<int:pk>/centres/new/", views.centre_new, name="tisc_centre_new"),
    path("networks/<int:pk>/plans/<int:year>/", views.work_plan, name="tisc_work_plan"),
    path("reports/<int:pk>/", views.report, name="tisc_report"),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="tisc_report_action"),
    path("centres/<int:pk>/edit/", views.centre_edit, name="tisc_centre_edit"),
    path("changes/<int:pk>/<str:action>/", views.change_action, name="tisc_change_action"),
    path("certificates/<int:pk>.pdf", views.certificate, name="tisc_certificate"),
]
