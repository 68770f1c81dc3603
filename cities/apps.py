from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Städte")

    def ready(self):
        from core import search
        from core.richtext import plain_text

        from .models import City

        search.register(
            search.Kind(
                label=_("Stadt"),
                queryset=lambda: City.objects.published().order_by(),
                title_field="name",
                text_fields=("name", "summary", "description", "focus_topics"),
                to_hit=lambda city: {
                    "title": city.name,
                    "url": city.get_absolute_url(),
                    "text": city.summary or plain_text(city.description),
                },
                fields=("name", "slug", "summary", "description"),
                order=20,
            )
        )
