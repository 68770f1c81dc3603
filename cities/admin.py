from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from .editorial import RevisionAdmin
from .listfilters import BY_PUBLICATION, titled
from .models import City

# Staff type "www.bochum.de"; the scheme they mean is https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class CreditedImageAdminMixin:
    """Thumbnail column and image fieldset for models with a CreditedImage."""

    image_fieldset = (
        _("Bild"),
        {
            "fields": [
                "image",
                "image_preview",
                "image_alt",
                "image_decorative",
                ("image_credit", "image_licence"),
            ],
            "description": _(
                "Jedes Bild braucht einen Alternativtext, es sei denn, es ist dekorativ. "
                "Bildnachweis und Lizenz erscheinen unter dem Bild."
            ),
        },
    )

    @admin.display(description=_("Bild"))
    def thumbnail(self, obj):
        if not obj.image:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="80" height="45" class="admin-thumbnail">', obj.image.url
        )

    @admin.display(description=_("Vorschau"))
    def image_preview(self, obj):
        if not obj.image:
            return _("Noch kein Bild hochgeladen.")
        return format_html(
            '<img src="{}" alt="" width="320" class="admin-image-preview">', obj.image.url
        )


@admin.register(City)
class CityAdmin(CreditedImageAdminMixin, RevisionAdmin):
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
