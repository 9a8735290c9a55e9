"""URLs of the knowledge directories' public pages (mounted by ipdev.urls at /directories/ in the
namespace "directories", with the suggestion form of the back office)."""

from django.urls import path

from . import directory_views as views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("registers/", views.registers, name="registers"),
    path("registers.csv", views.registers_download, {"fmt": "csv"}, name="registers_csv"),
    path("registers.xlsx", views.registers_download, {"fmt": "xlsx"}, name="registers_xlsx"),
    path("registers/<str:code>/", views.register, name="register"),
    path("databases/", views.databases, name="databases"),
    path("databases.csv", views.databases_download, {"fmt": "csv"}, name="databases_csv"),
    path("databases.xlsx", views.databases_download, {"fmt": "xlsx"}, name="databases_xlsx"),
    path("databases/compare/", views.databases_compare, name="databases_compare"),
    path("databases/<int:pk>/", views.database, name="database"),
    path("landscapes/", views.landscapes, name="landscapes"),
    path("landscapes.csv", views.landscapes_download, {"fmt": "csv"}, name="landscapes_csv"),
    path("landscapes.xlsx", views.landscapes_download, {"fmt": "xlsx"}, name="landscapes_xlsx"),
    path("landscapes/<int:pk>/file/", views.landscape_file, name="landscape_file"),
    path("policies/", views.policies, name="policies"),
    path("policies.csv", views.policies_download, {"fmt": "csv"}, name="policies_csv"),
    path("policies.xlsx", views.policies_download, {"fmt": "xlsx"}, name="policies_xlsx"),
    path("policies/national-models/", views.national_models, name="national_models"),
    path("policies/<int:pk>/", views.policy, name="policy"),
    path("policies/<int:pk>/document/", views.policy_document, name="policy_document"),
    path("use/", views.use, name="use"),
    path("use/<slug:key>.csv", views.use_csv, name="use_csv"),
]
