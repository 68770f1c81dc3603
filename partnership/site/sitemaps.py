"""The sitemap: every public page, built from the same published() QuerySets."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cities.models import City
from news.models import Article
from partnership.models import Partnership

from .models import LegalPage


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated")

    def lastmod(self, article):
        return article.updated


class CitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return City.objects.published().only("slug", "updated")

    def lastmod(self, city):
        return city.updated


class PartnershipSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Partnership.objects.published().only("slug", "updated")

    def lastmod(self, partnership):
        return partnership.updated


class SectionSitemap(Sitemap):
    """The home page and the section pages."""

    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "news:list", "cities:list", "partnership:list", "partnership:participate"]

    def location(self, name):
        return reverse(name)


class PageSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return LegalPage.objects.published().only("kind", "updated")

    def lastmod(self, page):
        return page.updated


SITEMAPS = {
    "seiten": SectionSitemap,
    "aktuelles": ArticleSitemap,
    "staedte": CitySitemap,
    "partnerschaften": PartnershipSitemap,
    "seiten-recht": PageSitemap,
}
