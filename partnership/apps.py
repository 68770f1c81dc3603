from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = _("Partnerschaften")


class EditorialAdminConfig(AdminConfig):
    default_site = "partnership.admin_site.EditorialAdminSite"
