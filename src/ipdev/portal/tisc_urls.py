"""Public TISC directory URLs under /tisc/, listed in the portal's own patterns."""

from django.urls import path

from . import tisc_views as views

urlpatterns = [
    path("tisc/", views.directory, name="tisc"),
    path("tisc/download.csv", views.directory_csv, name="tisc_csv"),
    path("tisc/download.xlsx", views.directory_xlsx, name="tisc_xlsx"),
    path("tisc/centres/<int:pk>/", views.centre, name="tisc_centre"),
    path("tisc/networks/", views.networks, name="tisc_networks"),
    path("tisc/networks/<int:pk>/", views.network, name="tisc_network"),
    path("tisc/success-stories/", views.stories, name="tisc_stories"),
    path("tisc/statistics/", views.statistics, name="tisc_statistics"),
    path("tisc/statistics/<slug:key>.csv", views.statistics_csv, name="tisc_statistics_csv"),
]
