"""RSS 2.0 and Atom feeds of all news, and per category and per city."""

import re

from django.contrib import admin
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from cities.models import City

from .models import Article, Category

FEED_LENGTH = 20
# Site-relative links and image sources in rich text ("/media/…", "/aktuelles/…").
_RELATIVE_URL = re.compile(r'(\s(?:href|src))="/(?!/)')


def absolutize(html, request):
    """Feed readers show bodies away from the site: every URL must be absolute."""
    return _RELATIVE_URL.sub(
        lambda found: f'{found.group(1)}="{request.build_absolute_uri("/")}', html
    )


def site_name():
    """
    The site's name in the active language, from the site settings, read
    through the admin site (which the site layer configures) as the workflow
    e-mails read it: news does not import the site layer.
    """
    return str(admin.site.site_title)


class ArticleFeed(Feed):
    description = _("Nachrichten über unsere Partnerstädte und Partnerschaften.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self, obj=None):
        return _("%(site)s – Aktuelles") % {"site": site_name()}

    def link(self, obj=None):
        return reverse("news:list")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).prefetch_related("categories")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        image = ""
        if item.image:
            image = '<p><img src="{}" alt="{}"></p>'.format(
                self.request.build_absolute_uri(item.image.url),
                "" if item.image_decorative else escape(item.image_alt),
            )
        return image + absolutize(item.body, self.request)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class CategoryFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return _("%(site)s – Aktuelles: %(category)s") % {
            "site": site_name(),
            "category": obj,
        }

    def link(self, obj=None):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().filter(categories=obj)


class AtomCategoryFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description


class CityFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(City.objects.published(), slug=slug)

    def title(self, obj=None):
        return _("%(site)s – Nachrichten aus %(city)s") % {"site": site_name(), "city": obj}

    def link(self, obj=None):
        return reverse("news:city", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(cities=obj)


class AtomCityFeed(CityFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
