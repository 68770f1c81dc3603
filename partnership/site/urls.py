"""The root URLconf: each app under its German section name (sections.py)."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from . import editor, health, search, sections, views
from .models import LegalPage
from .sitemaps import SITEMAPS

PAGE_KINDS = "|".join(LegalPage.Kind.values)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(f"{sections.NEWS}/", include("news.urls")),
    path(f"{sections.CITIES}/", include("cities.urls")),
    # Partnerships and the participation page (sections.PARTNERSHIPS, PARTICIPATE).
    path("", include("partnership.urls")),
    path(f"{sections.SEARCH}/", search.SearchView.as_view(), name="search"),
    re_path(rf"^(?P<kind>{PAGE_KINDS})/$", views.LegalPageView.as_view(), name="page"),
    path(sections.SITEMAP, sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(sections.ROBOTS, views.robots_txt, name="robots"),
    path(sections.THEME, views.theme_css, name="theme-css"),
    path(f"{sections.HEALTH}/", health.healthz, name="healthz"),
    path(f"{sections.ADMIN}/editor/", include(editor.urlpatterns)),
    path(f"{sections.ADMIN}/", admin.site.urls),
    re_path(rf"^{sections.media()}/(?P<path>.*)$", views.serve_media),
]

if settings.BENCHMARK:
    urlpatterns.append(path(f"{sections.BENCH}/", include("partnership.site.bench")))

handler400 = "partnership.site.views.bad_request"
handler500 = "partnership.site.views.server_error"
