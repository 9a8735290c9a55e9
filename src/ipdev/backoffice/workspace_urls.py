"""Workspace URLs (mounted at /workspace/, namespace "workspace")."""

from django.urls import include, path, re_path

from . import account, saved_searches
from . import workspace as views

KIND = r"(?P<kind>need|offer)s"

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    re_path(rf"^{KIND}/new/$", views.listing_new, name="listing_new"),
    re_path(rf"^{KIND}/(?P<pk>[0-9]+)/$", views.listing, name="listing"),
    re_path(rf"^{KIND}/(?P<pk>[0-9]+)/edit/$", views.listing_edit, name="listing_edit"),
    re_path(
        rf"^{KIND}/(?P<pk>[0-9]+)/(?P<action>submit|publish|return|close)/$",
        views.listing_action,
        name="listing_action",
    ),
    path("matches/propose/", views.match_propose, name="match_propose"),
    path("matches/<int:pk>/", views.match, name="match"),
    path("matches/<int:pk>/<str:action>/", views.match_action, name="match_action"),
    path("notifications/", views.preferences, name="preferences"),
    path("settings/", account.settings_page, name="settings"),
    path("searches/", saved_searches.save, name="search_save"),
    path("searches/<int:pk>/delete/", saved_searches.delete, name="search_delete"),
    path("profile/", views.profile, name="profile"),
    path("profile/<str:action>/", views.profile_action, name="profile_action"),
    path("assignments/<int:pk>/declaration/", views.declare, name="declare"),
    path("tisc/", include("ipdev.backoffice.tisc_urls")),
]
