"""
Site-wide pages and pieces that sit above the three apps: the home page,
the theme stylesheet, the map's coastlines, uploaded media and the template
context every page shares.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import register_converter, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from cities.models import City
from core.translation import active_language
from core.views import PreviewableDetailView
from news.models import Article
from partnership.map import home_land_drawing, partnership_map
from partnership.models import Partnership, Project

from . import fragments, icons
from .models import AccessibilityCheck, LegalPage, Page, PageRedirect, SiteSettings, site_state


def site_origin(request):
    """The scheme and host of public addresses, e.g. https://partnerschaften.example.org."""
    try:
        return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:
        # The 400 page for a request with a forged Host header.
        return None


def page_suffix(request):
    """The page number of a list past its first page, as a query string; otherwise ''."""
    page = request.GET.get("page", "")
    return f"?page={page}" if page.isdigit() and int(page) > 1 else ""


def canonical_url(request):
    """This page's one address: origin, path and a page number past the first."""
    origin = site_origin(request)
    return None if origin is None else f"{origin}{request.path}{page_suffix(request)}"


def site_context(request):
    return {
        **site_state().context(timezone.now()),
        "canonical_url": canonical_url(request),
        "site_origin": site_origin(request),
        "page_suffix": page_suffix(request),
    }


class HomeView(TemplateView):
    template_name = "home.html"
    latest_articles = 6
    upcoming_events = 3

    def get_context_data(self, **kwargs):
        home_city = fragments.held("home-city", lambda: City.objects.published().home())
        # Lists are built and read, and the map drawn, only where their
        # fragments are not stored (templates/home.html): even building a
        # queryset costs more than a stored fragment.
        partnerships = SimpleLazyObject(lambda: Partnership.objects.published().as_cards())
        return super().get_context_data(
            home_city=home_city,
            articles=SimpleLazyObject(
                lambda: Article.objects.published().for_display()[: self.latest_articles]
            ),
            partnerships=partnerships,
            map=SimpleLazyObject(lambda: partnership_map(home_city, partnerships)),
            events=SimpleLazyObject(self.upcoming),
            **kwargs,
        )

    def upcoming(self):
        return (
            Project.objects.published()
            .events()
            .upcoming()
            .listed()
            .order_by("start_date", "start_time", "pk")[: self.upcoming_events]
        )


class LegalPageView(PreviewableDetailView):
    """
    Impressum, Datenschutz, Barrierefreiheit, Leichte Sprache, Gebärdensprache.

    The Impressum and the Datenschutzerklärung show the operator's facts
    from the site settings, the accessibility statement the content it finds
    inaccessible by itself and the latest passing automated check.

    Template: ``site/legalpage_detail.html``; context: ``page``, and for
    the statement ``inaccessible`` and ``automated_check`` (``site_settings``
    comes from the site's context processor).
    """

    model = LegalPage
    context_object_name = "page"
    slug_field = "kind"
    slug_url_kwarg = "kind"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.kind == LegalPage.Kind.ACCESSIBILITY:
            context.update(
                inaccessible=self.object.inaccessible_content(),
                automated_check=AccessibilityCheck.objects.first(),
            )
        return context


class PagePathConverter:
    """The address of a free page: slugs joined by slashes, never a file name with a dot."""

    regex = r"[-\w]+(?:/[-\w]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Here rather than in the URLconf, which tests reload.
register_converter(PagePathConverter, "pagepath")


class PageView(PreviewableDetailView):
    """
    A free content page, found by its address in the active language.

    Template: ``site/page_detail.html``; context: ``page``; ``trail``, the
    (URL, title) pairs the breadcrumbs show between the home page and this
    one: the page's section, then the published pages above it; and
    ``subpages``, the published pages below it.
    """

    model = Page
    context_object_name = "page"

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return get_object_or_404(queryset.at(self.kwargs["path"]))

    def get_context_data(self, **kwargs):
        subpages = Page.objects.published().filter(parent=self.object).only("paths", "title")
        return super().get_context_data(trail=self.trail(), subpages=subpages, **kwargs)

    def trail(self):
        page = self.object
        crumbs = [(page.section_url(), page.get_section_display())] if page.section else []
        ancestors = Page.objects.published().only("paths", "title").above(page)
        return crumbs + [(ancestor.get_absolute_url(), ancestor.title) for ancestor in ancestors]


def moved_page_target(request):
    """The current address of a free page that was at the requested one (core/redirects.py)."""
    match = request.resolver_match
    if match is None or match.url_name != "content-page":
        return None
    page = PageRedirect.objects.target(match.kwargs["path"], active_language())
    return page.get_absolute_url() if page else None


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """
    The accent colour of the site settings as a stylesheet: pages carry no
    inline styles. Pages link it with the colour in the query string, so a
    new colour is a new address and no browser keeps the old one.
    """
    return HttpResponse(
        f":root {{ --accent: {SiteSettings.current().accent_color}; }}\n", content_type="text/css"
    )


@require_safe
def map_land(request, name):
    """
    The coastlines of the partnership map (partnership/map.py) as an SVG file.

    Only the current drawing answers, so an address once served never
    changes what it holds, and browsers and proxies may keep it for a year
    without asking again; moving the home city gives the page a new address.
    """
    land = home_land_drawing(City.objects.published().home())
    if land is None or name != land.file_name:
        raise Http404
    response = HttpResponse(land.svg, content_type="image/svg+xml")
    response["ETag"] = quote_etag(land.digest)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return get_conditional_response(request, etag=response["ETag"], response=response)


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """The browser tab's icon, drawn from the emblem: no 404 on a first visit."""
    return HttpResponse(icons.favicon(SiteSettings.current()), content_type="image/x-icon")


@require_GET
@cache_control(max_age=86400, public=True)
def touch_icon(request):
    """The icon a phone puts on its home screen, drawn from the emblem."""
    return HttpResponse(icons.touch_icon(SiteSettings.current()), content_type="image/png")


def bad_request(request, exception):
    """400, with a page of its own for staff whose form was too large to accept."""
    if isinstance(exception, RequestDataTooBig) and request.path.startswith("/admin/"):
        return render(
            request,
            "admin/request_too_big.html",
            {"limit_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
            status=400,
        )
    return render(request, "400.html", status=400)


# How long visitors are asked to wait while the database is away: a restart
# takes seconds, a longer outage is answered again after this.
DATABASE_RETRY_SECONDS = 30


def server_error(request):
    """
    500, or 503 while the database cannot be reached.

    Django calls this while it handles the exception, for errors in views
    and in middleware alike. Neither page touches the database: the
    templates are rendered without a request, so no context processor runs,
    and the site's identity comes from this process's copy or the settings.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return database_unavailable(request)
    context = site_state(query=False).context(timezone.now())
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def database_unavailable(request):
    """503 with Retry-After; staff whose form was not saved are told so."""
    context = {
        **site_state(query=False).context(timezone.now()),
        "form_not_saved": request.method == "POST" and request.path.startswith("/admin/"),
        "retry_seconds": DATABASE_RETRY_SECONDS,
    }
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def robots_txt(request):
    searches = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            searches.append(f"Disallow: {reverse('search')}")
    # A demo is no city's site: nothing of it belongs in a search engine.
    disallowed = ["Disallow: /"] if site_state().demo else ["Disallow: /admin/", *searches]
    lines = [
        "User-agent: *",
        *disallowed,
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_media(request, path):
    """Uploaded files, for installations without a front-end server."""
    if not settings.SERVE_MEDIA:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # An upload must never be run as a page or script in the site's origin.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    if path.lower().endswith(".pdf"):
        response["Content-Disposition"] = f'attachment; filename="{Path(path).name}"'
    return response
