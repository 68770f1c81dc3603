from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """Everything above the apps: pages, search, caching, the admin site."""

    name = "partnership.site"
    label = "site"
    verbose_name = _("Website")

    def ready(self):
        from core import holding, redirects, search

        from . import checks, sections  # noqa: F401  (register their system checks)
        from .fragments import held
        from .models import Page
        from .page_cache import connect_signals
        from .views import moved_page_target

        connect_signals()
        holding.install(held)
        redirects.register(moved_page_target)
        search.register(
            search.Kind(
                label=_("Seite"),
                queryset=lambda: Page.objects.published().order_by(),
                title_field="title",
                text_fields=("title", "body"),
                to_hit=lambda page: {
                    "title": page.title,
                    "url": page.get_absolute_url(),
                    "text": page.lead,
                },
                fields=("title", "paths", "body"),
                order=50,
            )
        )


class EditorialAdminConfig(AdminConfig):
    default_site = "partnership.site.admin_site.EditorialAdminSite"
