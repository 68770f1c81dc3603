"""The root URLconf: each app under its German section name."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from . import editor, health, search, views
from .models import LegalPage
from .sitemaps import SITEMAPS

PAGE_KINDS = "|".join(LegalPage.Kind.values)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("aktuelles/", include("news.urls")),
    path("staedte/", include("cities.urls")),
    path("", include("partnership.urls")),
    path("suche/", search.SearchView.as_view(), name="search"),
    re_path(rf"^(?P<kind>{PAGE_KINDS})/$", views.LegalPageView.as_view(), name="page"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("theme.css", views.theme_css, name="theme-css"),
    path("healthz/", health.healthz, name="healthz"),
    path("admin/editor/", include(editor.urlpatterns)),
    path("admin/", admin.site.urls),
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", views.serve_media),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/", include("partnership.site.bench")))

handler400 = "partnership.site.views.bad_request"
handler500 = "partnership.site.views.server_error"
