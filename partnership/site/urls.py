"""
The root URLconf: each app under its section word (sections.py).

Pages for readers exist in every served language: German without prefix,
the others under theirs (/en/news/), with the words of core.urlwords.
Addresses of machines and staff, and the German-only pages, exist once;
so do the open data's files, below the German word of their page.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from core.urlwords import route

from . import editor, health, search, sections, views
from .opendata.views import OpenDataView
from .sitemaps import SITEMAPS


def legal_page(route_, kind):
    return path(route_, views.LegalPageView.as_view(), {"kind": kind}, name="page")


urlpatterns = [
    *i18n_patterns(
        path("", views.HomeView.as_view(), name="home"),
        path(route("{}/", sections.NEWS), include("news.urls")),
        path(route("{}/", sections.CITIES), include("cities.urls")),
        path("", include("partnership.urls")),
        path(route("{}/", sections.PARTICIPATE), include("partnership.participation.urls")),
        path(route("{}/", sections.SEARCH), search.SearchView.as_view(), name="search"),
        path(route("{}/", sections.DATA), OpenDataView.as_view(), name="open-data"),
        *(legal_page(route("{}/", kind), kind) for kind in sections.TRANSLATED_PAGES),
        prefix_default_language=False,
    ),
    *(legal_page(f"{kind}/", kind) for kind in sections.GERMAN_PAGES),
    path(f"{sections.DATA}/", include("partnership.site.opendata.urls")),
    path(sections.SITEMAP, sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(sections.ROBOTS, views.robots_txt, name="robots"),
    path(sections.THEME, views.theme_css, name="theme-css"),
    # The whole word is the map's, as the uploads' is theirs: no free page below it.
    re_path(rf"^{sections.MAP}/(?P<name>.*)$", views.map_land, name="map-land"),
    path(sections.FAVICON, views.favicon, name="favicon"),
    path(sections.TOUCH_ICON, views.touch_icon, name="touch-icon"),
    path(f"{sections.HEALTH}/", health.healthz, name="healthz"),
    path(f"{sections.ADMIN}/editor/", include(editor.urlpatterns)),
    path(f"{sections.ADMIN}/barometer/", include("partnership.barometer.urls")),
    path(f"{sections.ADMIN}/", admin.site.urls),
    re_path(rf"^{sections.media()}/(?P<path>.*)$", views.serve_media),
]

if settings.BENCHMARK:
    urlpatterns.append(path(f"{sections.BENCH}/", include("partnership.site.bench")))

# Last of all: free pages take the addresses nothing above answers, which
# sections.is_reserved() keeps apart from theirs.
urlpatterns += i18n_patterns(
    path("<pagepath:path>/", views.PageView.as_view(), name="content-page"),
    prefix_default_language=False,
)

handler400 = "partnership.site.views.bad_request"
handler500 = "partnership.site.views.server_error"
