"""Public portal URLs."""

from django.urls import path

from . import (
    embed_views,
    follow_views,
    match_views,
    report_views,
    roster_views,
    stats_views,
    tisc_urls,
    views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("activities/", views.search, name="search"),
    path("activities/download.csv", views.download_csv, name="download_csv"),
    path("activities/download.xlsx", views.download_xlsx, name="download_xlsx"),
    path("activities/download.json", views.download_json, name="download_json"),
    path("activities/download.xml", views.download_xml, name="download_xml"),
    path("activities/feed.atom", follow_views.search_feed, name="search_feed"),
    path("downloads/<str:token>/", views.download_prepared, name="download_prepared"),
    path("downloads/<str:token>/file", views.download_prepared_file, name="download_file"),
    path("activities/<int:pk>/", views.activity, name="activity"),
    path("activities/<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("countries/", views.countries, name="countries"),
    path("countries/<str:code>/", views.country, name="country"),
    path("country-plans/", views.plans, name="plans"),
    path("country-plans/<int:pk>/", views.plan, name="plan"),
    path("da-projects/", views.da_projects, name="da_projects"),
    path("da-projects/<str:code>/", views.da_project, name="da_project"),
    path("consultants/", roster_views.roster, name="roster"),
    path("consultants/download.csv", roster_views.roster_csv, name="roster_csv"),
    path("consultants/balance/", roster_views.balance, name="roster_balance"),
    path("consultants/<int:pk>/", roster_views.consultant, name="consultant"),
    path("consultants/<int:pk>/cv/", roster_views.consultant_cv, name="consultant_cv"),
    path("match/", match_views.overview, name="match"),
    path("match/needs/", match_views.needs, name="needs"),
    path("match/needs/<int:pk>/", match_views.need, name="need"),
    path("match/offers/", match_views.offers, name="offers"),
    path("match/offers/<int:pk>/", match_views.offer, name="offer"),
    path("match/matches/", match_views.matches, name="matches"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/country/", report_views.country_report, name="country_report_form"),
    path(
        "reports/country/<str:code>.<str:fmt>", report_views.country_report, name="country_report"
    ),
    path("reports/development-agenda/", report_views.da_report, name="da_report_form"),
    path("reports/development-agenda.<str:fmt>", report_views.da_report, name="da_report"),
    *tisc_urls.urlpatterns,
    path("statistics/", stats_views.activities, name="statistics"),
    path("statistics/<slug:key>.csv", stats_views.activities_csv, name="statistics_csv"),
    path("statistics/<slug:key>.svg", embed_views.activities_svg, name="statistics_svg"),
    path(
        "statistics/cooperation/<slug:key>.svg",
        embed_views.cooperation_svg,
        name="statistics_cooperation_svg",
    ),
    path("embed/statistics/<slug:key>/", embed_views.activities_embed, name="statistics_embed"),
    path(
        "embed/statistics/cooperation/<slug:key>/",
        embed_views.cooperation_embed,
        name="statistics_cooperation_embed",
    ),
    path("statistics/cooperation/", stats_views.cooperation, name="statistics_cooperation"),
    path(
        "statistics/cooperation/<slug:key>.csv",
        stats_views.cooperation_csv,
        name="statistics_cooperation_csv",
    ),
]
