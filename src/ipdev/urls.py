"""URL map: the public portal, the back office (admin), the API, language switching, and each
signed-in user's start page.

Pages people read are served in each language under its prefix (/fr/activities/), English
without one (/activities/); what machines read has one address only (see
ipdev.core.language_urls)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from ipdev.backoffice.account import start
from ipdev.backoffice.suggestions import suggest
from ipdev.portal import directory_urls, health_views, language_views

# The directories' public pages, and their public suggestion form (a write: in the back office).
directories = [*directory_urls.urlpatterns, path("suggest/", suggest, name="suggest")]

urlpatterns = [
    path("i18n/setlang/", language_views.switch, name="set_language"),
    path("health/", health_views.health, name="health"),
    path("ready/", health_views.ready, name="ready"),
    path("api/v1/", include("ipdev.api.urls")),
    *i18n_patterns(
        path("backoffice/work/", include("ipdev.backoffice.urls")),
        path("survey/", include("ipdev.backoffice.survey_urls")),
        # The back office's sign-in page offers the same password reset as the portal's.
        path(
            "backoffice/password_reset/",
            RedirectView.as_view(pattern_name="password_reset"),
            name="admin_password_reset",
        ),
        path("backoffice/", admin.site.urls),
        path("workspace/", include("ipdev.backoffice.workspace_urls")),
        path("directories/", include((directories, "directories"))),
        path("accounts/", include("django.contrib.auth.urls")),
        path("start/", start, name="start"),
        path("", include("ipdev.backoffice.details_request_urls")),
        path("", include("ipdev.portal.urls")),
        prefix_default_language=False,
    ),
]

# Under /api/ every error is JSON in the API's one shape; elsewhere Django's pages (the portal's
# 404.html and 500.html templates).
handler400 = "ipdev.api.errors.bad_request"
handler403 = "ipdev.api.errors.permission_denied"
handler404 = "ipdev.api.errors.page_not_found"
handler500 = "ipdev.api.errors.server_error"
