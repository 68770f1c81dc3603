"""
The sitemap: every public page, built from the same published() QuerySets,
each in the served languages it exists in, with the others as alternates.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cities.models import City
from core.translation import (
    TRANSLATED_LANGUAGES,
    TranslatableModel,
    localized_fields,
    state_field,
)
from news.models import Article
from partnership.models import Partnership, Project

from . import languages
from .models import LegalPage, Page


class TranslatedSitemap(Sitemap):
    """One entry per page and language; x-default is the German version."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        # Items are public already; the model says which languages show them.
        shown_in = getattr(item, "is_shown_in", lambda code: True)
        return [
            code
            for code in languages.served()
            if shown_in(code) and languages.url_in(code, lambda: self.location(item))
        ]


class PublishedSitemap(TranslatedSitemap):
    """The published rows of ``model``, dated by their last change."""

    changefreq = "monthly"
    model = None
    # What get_absolute_url(), is_shown_in() and lastmod() read, in every
    # language; nothing else is loaded.
    fields = ("slug", "updated")

    def items(self):
        columns = [
            column for name in self.fields for _code, column in localized_fields(self.model, name)
        ]
        if issubclass(self.model, TranslatableModel):
            columns += [state_field(code) for code in TRANSLATED_LANGUAGES]
        return self.model.objects.published().only(*columns)

    def lastmod(self, obj):
        return obj.updated


class ArticleSitemap(PublishedSitemap):
    model = Article


class CitySitemap(PublishedSitemap):
    model = City


class PartnershipSitemap(PublishedSitemap):
    model = Partnership


class EventSitemap(PublishedSitemap):
    """The pages of events under /mitmachen/, past ones too: they stay as a record."""

    changefreq = "weekly"
    model = Project
    fields = ("slug", "is_event")

    def items(self):
        return super().items().events()

    def lastmod(self, obj):
        # Events keep no time of their last change.
        return None


class SectionSitemap(TranslatedSitemap):
    """The home page and the section pages."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return [
            "home",
            "news:list",
            "cities:list",
            "partnership:list",
            "participation:list",
            "participation:archive",
            "open-data",
        ]

    def location(self, name):
        return reverse(name)


class PageSitemap(PublishedSitemap):
    changefreq = "yearly"
    model = LegalPage
    fields = ("kind", "updated")


class ContentPageSitemap(PublishedSitemap):
    changefreq = "yearly"
    model = Page
    fields = ("paths", "updated")


SITEMAPS = {
    "seiten": SectionSitemap,
    "aktuelles": ArticleSitemap,
    "staedte": CitySitemap,
    "partnerschaften": PartnershipSitemap,
    "termine": EventSitemap,
    "seiten-recht": PageSitemap,
    "seiten-redaktion": ContentPageSitemap,
}
