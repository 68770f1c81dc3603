"""Translated fields of the site's own pages, and their versions (which must follow them)."""

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.searching import VECTOR_FIELDS
from core.translation import register_history

from .models import LegalPage, Page


# Leichte Sprache and Gebärdensprache stay German (LegalPage.GERMAN_ONLY);
# the video and its description belong to the latter.
@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "body", "known_limitations", "feedback_contact", "enforcement")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "slug", "body", "image_alt")


register_history(
    LegalPage,
    verbose_name=_("Fassung einer Seite"),
    table_name="partnership_historicalpage",
)
# The paths follow from the slugs of the page and those above it.
register_history(
    Page,
    verbose_name=_("Fassung einer freien Seite"),
    excluded_fields=["paths", *VECTOR_FIELDS.values()],
)
