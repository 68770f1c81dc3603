"""Translated fields of the news app, and its version history (which must follow them)."""

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import TranslationOptions, register

from core.searching import VECTOR_FIELDS
from core.translation import register_history

from .models import Article, Category


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name", "slug", "description")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "slug", "teaser", "body", "image_alt")


register_history(
    Article,
    verbose_name=_("Fassung eines Beitrags"),
    excluded_fields=["created_by", *VECTOR_FIELDS.values()],
)
