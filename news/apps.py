from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Aktuelles")

    def ready(self):
        from core import redirects, search

        from .models import Article
        from .redirects import legacy_redirect, query_permalink

        search.register(
            search.Kind(
                label=_("Nachricht"),
                queryset=lambda: Article.objects.published().order_by(),
                title_field="title",
                text_fields=("title", "teaser", "body"),
                newest_first="publish_at",
                to_hit=lambda article: {
                    "title": article.title,
                    "url": article.get_absolute_url(),
                    "text": article.lead,
                    "date": article.publish_at,
                },
                fields=("title", "slug", "teaser", "body", "publish_at"),
                order=10,
            )
        )
        redirects.register(query_permalink, before_view=True)
        redirects.register(legacy_redirect)
