from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core.admin import URL_FIELDS_ASSUME_HTTPS, CreditedImageAdminMixin
from core.editorial import RevisionAdmin
from core.listfilters import BY_PUBLICATION, titled
from core.translation_admin import TranslatedAdmin

from .models import City


@admin.register(City)
class CityAdmin(CreditedImageAdminMixin, RevisionAdmin, TranslatedAdmin):
    publish_permission = "cities.publish_city"
    publish_fields = ("published",)
    list_display = ["thumbnail", "name", "country", "region", "is_home", "published", "updated"]
    list_display_links = ["thumbnail", "name"]
    list_filter = [BY_PUBLICATION, "is_home", ("country", titled(CountryFilter, _("Land")))]
    search_fields = ["name", "region", "summary"]
    readonly_fields = ["image_preview", "created", "updated"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "region", "is_home", "published"]}),
        (_("Texte"), {"fields": ["summary", "description"]}),
        (
            _("Steckbrief"),
            {
                "fields": [
                    ("population", "population_year"),
                    "founded",
                    "key_facts",
                    "focus_topics",
                    "website",
                ]
            },
        ),
        (
            _("Lage auf der Karte"),
            {
                "fields": [("latitude", "longitude")],
                "description": _(
                    "Koordinaten in Dezimalgrad, z. B. aus einem Kartendienst abgelesen."
                ),
            },
        ),
        CreditedImageAdminMixin.image_fieldset,
        (_("Verwaltung"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]
