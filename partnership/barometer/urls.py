"""The barometer's pages in the admin, under /admin/barometer/ (partnership.site.urls)."""

from . import dashboard, reports

app_name = "barometer"

urlpatterns = [*dashboard.urlpatterns, *reports.urlpatterns]
