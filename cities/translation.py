"""Translated fields of the cities app, and its version history (which must follow them)."""

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.searching import VECTOR_FIELDS
from core.translation import register_history

from .models import City


@register(City)
class CityTranslation(TranslationOptions):
    fields = (
        "name",
        "slug",
        "summary",
        "description",
        "key_facts",
        "focus_topics",
        "image_alt",
    )


register_history(
    City,
    verbose_name=_("Fassung einer Stadt"),
    excluded_fields=[*VECTOR_FIELDS.values()],
)
