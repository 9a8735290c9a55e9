"""URL map: the public portal, the back office (admin), the API, language switching."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("backoffice/work/", include("ipdev.backoffice.urls")),
    path("survey/", include("ipdev.backoffice.survey_urls")),
    path("backoffice/", admin.site.urls),
    path("workspace/", include("ipdev.backoffice.workspace_urls")),
    path("api/v1/", include("ipdev.api.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("ipdev.portal.urls")),
]
