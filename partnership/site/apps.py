from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Everything above the apps: pages, search, caching, the admin site."""

    name = "partnership.site"
    label = "site"
    verbose_name = _("Website")

    def ready(self):
        from . import checks, sections  # noqa: F401  (register their system checks)
        from .page_cache import connect_signals

        connect_signals()


class EditorialAdminConfig(AdminConfig):
    default_site = "partnership.site.admin_site.EditorialAdminSite"
