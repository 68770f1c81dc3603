"""
Imported WordPress permalinks, answered through core.redirects, which asks
these lookups (registered in NewsConfig.ready()).
"""

from .models import LegacyRedirect

# WordPress addresses that name a post or category by a query parameter.
QUERY_PERMALINKS = ("p", "page_id", "cat")


def legacy_redirect(request):
    """The new address of an old path, when the site has nothing there."""
    return _new_path(request.path)


def query_permalink(request):
    """
    The new address of a query-string permalink such as /?p=123, looked up
    before the home page answers it.
    """
    if request.path != "/":
        return None
    for name in QUERY_PERMALINKS:
        value = request.GET.get(name, "")
        if value.isdigit():
            target = _new_path(f"/?{name}={int(value)}")
            if target:
                return target
    return None


def _new_path(old_path):
    # Stored decoded and with a trailing slash, as the importer writes them;
    # WordPress answered its permalinks with and without one.
    candidates = {old_path}
    if not old_path.startswith("/?") and not old_path.endswith("/"):
        candidates.add(f"{old_path}/")
    target = LegacyRedirect.objects.filter(old_path__in=candidates).first()
    return target.new_path if target else None
