from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = _("Partnerschaften")

    def ready(self):
        from core import search
        from core.richtext import plain_text

        from .models import Partnership, Project

        search.register(
            search.Kind(
                label=_("Partnerschaft"),
                queryset=lambda: (
                    Partnership.objects.published()
                    .select_related("home_city", "partner_city")
                    .order_by()
                ),
                title_field="partner_city__name",
                text_fields=("partner_city__name", "summary", "description"),
                to_hit=lambda partnership: {
                    "title": str(partnership),
                    "url": partnership.get_absolute_url(),
                    "text": partnership.summary or plain_text(partnership.description),
                },
                fields=("slug", "summary", "description", "home_city__name", "partner_city__name"),
                order=30,
            )
        )
        search.register(
            search.Kind(
                label=_("Projekt"),
                queryset=lambda: (
                    Project.objects.published().select_related("partnership").order_by()
                ),
                title_field="title",
                text_fields=("title", "description"),
                to_hit=lambda project: {
                    "title": project.title,
                    "url": project.get_absolute_url(),
                    "text": plain_text(project.description),
                    "date": project.start_date,
                    # Events have pages of their own; readers look for them as such.
                    "label": _("Termin") if project.is_event else _("Projekt"),
                },
                # What get_absolute_url() reads: an event's own address, else its partnership's.
                fields=(
                    "title",
                    "description",
                    "start_date",
                    "is_event",
                    "slug",
                    "partnership__slug",
                ),
                order=40,
            )
        )
