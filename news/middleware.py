from django.http import HttpResponsePermanentRedirect

from .models import LegacyRedirect

# WordPress addresses that name a post or category by a query parameter.
QUERY_PERMALINKS = ("p", "cat")


class LegacyRedirectMiddleware:
    """
    Old addresses (imported WordPress permalinks) answer with a 301. Paths are
    looked up when the site has nothing else there; query-string permalinks
    such as /?p=123 first, since the home page would otherwise answer them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in QUERY_PERMALINKS:
            value = request.GET.get(name, "")
            if request.path == "/" and value.isdigit():
                redirect = self._redirect(f"/?{name}={int(value)}")
                if redirect:
                    return redirect
        response = self.get_response(request)
        # PostgreSQL refuses NUL in text; such a path was never an old address.
        if response.status_code == 404 and "\x00" not in request.path:
            return self._redirect(request.path) or response
        return response

    @staticmethod
    def _redirect(old_path):
        target = LegacyRedirect.objects.filter(old_path=old_path).first()
        return HttpResponsePermanentRedirect(target.new_path) if target else None
