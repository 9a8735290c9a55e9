"""Health and readiness for load balancers and process supervisors (no page, no session)."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ipdev.search import engine

from .access import public


@public
@never_cache
@require_GET
def health(request):
    """Alive and able to reach the database: 200, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", never a 500 page
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public
@never_cache
@require_GET
def ready(request):
    """Ready to serve searches at full speed: this process has its search index loaded."""
    if not engine.is_ready():
        return JsonResponse({"status": "loading", "search_index": "not loaded"}, status=503)
    return JsonResponse({"status": "ready", "search_index": "loaded"})
