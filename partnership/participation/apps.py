from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """
    "Mitmachen": event pages, calendar files and sign-ups. Sign-ups are not
    content: saving one never touches the page cache's content version
    (partnership.site.page_cache.CONTENT_APPS leaves this app out).
    """

    name = "partnership.participation"
    label = "participation"
    verbose_name = _("Mitmachen")
