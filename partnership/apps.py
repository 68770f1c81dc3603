from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = _("Partnerschaften")

    def ready(self):
        from .page_cache import connect_signals

        connect_signals()


class EditorialAdminConfig(AdminConfig):
    default_site = "partnership.admin_site.EditorialAdminSite"
