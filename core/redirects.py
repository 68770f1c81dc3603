"""
Why an old address answers with a 301: every redirect of the site starts here.

Two kinds of old address lead on to the current one:

- A changed slug of live content. SlugHistoryModel keeps the old slug as a
  RetiredSlug; when a detail page (a PreviewableDetailView) finds nothing at
  a slug, the object that once had it is looked up, and shown at its current
  address if the visitor may see it.
- Addresses an app knows from elsewhere, such as the news app's imported
  WordPress permalinks (news.LegacyRedirect) and the addresses free pages
  had before they moved (partnership.site PageRedirect). The app registers a lookup
  here from its AppConfig.ready(), since this module must not import it.
  Lookups are asked when the site has nothing at an address; a lookup
  registered with ``before_view=True`` is asked first, for addresses the
  site would otherwise answer itself (the home page with ``?p=123``).
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import get_language

from .models import RetiredSlug
from .searching import DEFAULT_LANGUAGE
from .views import PreviewableDetailView

_lookups = []
_early_lookups = []


def register(lookup, *, before_view=False):
    """
    Add ``lookup(request)``, which returns the new address of the requested
    old one, or None.
    """
    (_early_lookups if before_view else _lookups).append(lookup)


def retired_slug_target(request):
    """The current address of what the resolved detail page once showed at its slug."""
    match = request.resolver_match
    view_class = getattr(match.func, "view_class", None) if match else None
    slug = match.kwargs.get("slug") if match else None
    if slug is None or not (view_class and issubclass(view_class, PreviewableDetailView)):
        return None
    view = view_class(**match.func.view_initkwargs)
    view.setup(request, *match.args, **match.kwargs)
    queryset = view.get_queryset()
    language = (get_language() or DEFAULT_LANGUAGE).split("-")[0]
    target = RetiredSlug.objects.target(queryset.model, slug, language)
    if target is None or not queryset.filter(pk=target.pk).exists():
        return None
    return target.get_absolute_url()


class RedirectMiddleware:
    """Answers old addresses with a 301 to their current ones (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self._redirect(request, _early_lookups)
        if redirect:
            return redirect
        response = self.get_response(request)
        # PostgreSQL refuses NUL in text; such a path was never an address.
        if response.status_code == 404 and "\x00" not in request.path:
            return self._redirect(request, _lookups) or response
        return response

    def process_exception(self, request, exception):
        # Before the 404 page is rendered: the view knows which model it shows.
        if isinstance(exception, Http404):
            target = retired_slug_target(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return None

    @staticmethod
    def _redirect(request, lookups):
        for lookup in lookups:
            target = lookup(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return None
