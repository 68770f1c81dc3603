"""
Who sent a request, as far as the site can tell.

Behind a reverse proxy (``BEHIND_PROXY``) every request comes from the
proxy; the visitor's address is the entry the nearest proxies appended to
X-Forwarded-For. Entries further left are written by the client and prove
nothing. The login lockout (django-axes, AXES_CLIENT_IP_CALLABLE) and the
sign-up rate limit both ask here.
"""

from django.conf import settings


def client_address(request):
    proxies = settings.PROXY_COUNT
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
