"""
What a page tells search engines, feed readers and link previews: the
description, OpenGraph/Twitter tags and schema.org JSON-LD.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from cities.models import City
from news.models import Article

from ..languages import OG_LOCALES, page_versions

register = template.Library()

# As in Django's json_script: nothing in the data can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _absolute(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title=None, description=None, image=None, kind="website"):
    """Description and link-preview tags; ``image`` is an object with a CreditedImage."""
    site_name = context.get("site_name") or settings.SITE_NAME
    has_image = image is not None and bool(image.image)
    return {
        "site_name": site_name,
        "title": title or site_name,
        "description": Truncator(description or settings.SITE_DESCRIPTION).chars(200),
        "kind": kind,
        "url": context.get("canonical_url"),
        "image_url": _absolute(context, image.image.url) if has_image else None,
        "image_alt": image.image_alt if has_image and not image.image_decorative else "",
        "locale": OG_LOCALES[get_language()],
        "alternate_locales": [
            version.og_locale
            for version in context.get("language_versions", ())
            if version.url and not version.current
        ],
    }


@register.simple_tag(takes_context=True)
def language_versions(context):
    """
    This page in each served language (partnership/site/languages.py), for
    the switcher and the hreflang links. The object is the one the page
    shows (``object``) or whose articles it lists (``filter_object``).
    """
    request = context.get("request")
    if request is None:
        return []
    if "exception" in context:
        # An error page (Django's 404 and 403 views pass the exception): the
        # address matched a pattern, but there is no such page in any language.
        return page_versions(None)
    return page_versions(request, context.get("object") or context.get("filter_object"))


def _script(data):
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_ESCAPES)),  # escaped above
    )


def _article(context, article):
    home = City.objects.published().home()
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "inLanguage": get_language(),
        "description": article.lead,
        "datePublished": article.publish_at,
        "dateModified": article.updated,
        "mainEntityOfPage": _absolute(context, article.get_absolute_url()),
    }
    if article.byline:
        data["author"] = {"@type": "Organization", "name": article.byline}
    if home is not None:
        data["publisher"] = {"@type": "GovernmentOrganization", "name": home.name}
        if home.website:
            data["publisher"]["url"] = home.website
    if article.image:
        data["image"] = [_absolute(context, article.image.url)]
    return data


def _city(context, city):
    data = {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.name,
        "url": _absolute(context, city.get_absolute_url()),
        "containedInPlace": {"@type": "Country", "name": city.country.name},
    }
    if city.summary:
        data["description"] = city.summary
    if city.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.image:
        data["image"] = _absolute(context, city.image.url)
    if city.website:
        data["sameAs"] = city.website
    return data


@register.simple_tag(takes_context=True)
def structured_data(context, obj):
    """schema.org JSON-LD for an article (NewsArticle) or a city (City)."""
    builders = {Article: _article, City: _city}
    return _script(builders[type(obj)](context, obj))


@register.simple_tag(takes_context=True)
def breadcrumb_data(context, *crumbs, trail=()):
    """
    BreadcrumbList JSON-LD from alternating URLs and names, the current page
    last; ``trail``, (URL, name) pairs, goes between the first and the rest.
    """
    pairs = list(zip(crumbs[::2], crumbs[1::2], strict=True))
    pairs[1:1] = trail or ()
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "name": str(name),
            "item": _absolute(context, url),
        }
        for position, (url, name) in enumerate(pairs, start=1)
    ]
    return _script(
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    )
