"""
``/healthz/`` for the load balancer and monitoring.

It answers 200 while the site can serve pages and 503 while the database
cannot be reached; Redis being away is reported as "degraded" with 200, as
pages are then served uncached. Never cached, never a cookie, and it runs
one ``SELECT 1`` and at most one Redis PING (none during the pause after a
Redis failure, see partnership/site/redis_cache.py).
"""

from django.core.cache import cache
from django.db import Error, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .redis_cache import CacheUnavailable


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:
        return "unavailable"
    return "ok"


def redis_state():
    if not hasattr(cache, "ping"):
        return "off"
    try:
        cache.ping()
    except CacheUnavailable:
        return "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    database, redis = database_state(), redis_state()
    if database != "ok":
        status = "unavailable"
    elif redis == "unavailable":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "redis": redis},
        status=503 if database != "ok" else 200,
    )
