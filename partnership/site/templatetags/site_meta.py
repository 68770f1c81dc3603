"""
What a page tells search engines, feed readers and link previews: the
description, OpenGraph/Twitter tags and schema.org JSON-LD.
"""

import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from cities.models import City
from core.richtext import plain_text
from news.models import Article
from partnership.models import Project
from partnership.participation import timing
from partnership.participation.templatetags.events import is_full

from .. import fragments
from ..languages import OG_LOCALES, page_versions
from ..models import SiteSettings

register = template.Library()

# As in Django's json_script: nothing in the data can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _identity(context):
    """
    The site settings the page was rendered with (partnership/site/views.site_context);
    a template rendered without them reads no database either.
    """
    return context.get("site_settings") or SiteSettings.current(query=False)


def _publisher(context):
    """Who publishes the site's articles: the operator of the site settings."""
    identity = _identity(context)
    name = identity.operator_name or identity.city_name
    if not name:
        # No site settings yet: the home city stands for the city.
        home = fragments.held("home-city", lambda: City.objects.published().home())
        if home is None:
            return None
        publisher = {"@type": "GovernmentOrganization", "name": home.name}
        if home.website:
            publisher["url"] = home.website
        return publisher
    publisher = {"@type": "GovernmentOrganization", "name": name}
    if context.get("site_origin"):
        publisher["url"] = f"{context['site_origin']}/"
    if identity.emblem:
        publisher["logo"] = _absolute(context, identity.emblem.url)
    return publisher


def _absolute(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, title=None, description=None, image=None, kind="website"):
    """Description and link-preview tags; ``image`` is an object with a CreditedImage."""
    identity = _identity(context)
    site_name = identity.site_name
    has_image = image is not None and bool(image.image)
    return {
        "site_name": site_name,
        "title": title or site_name,
        "description": Truncator(description or identity.site_description).chars(200),
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
    publisher = _publisher(context)
    if publisher is not None:
        data["publisher"] = publisher
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


# The last line of a German address: "99734 Nordhausen".
_POSTCODE_AND_PLACE = re.compile(r"^(\d{4,5})\s+(.+)$")
# A last line without any digit names a place, not a street: "Sheffield, England".
_PLACE_ONLY = re.compile(r"^\D+$")

_EVENT_STATUS = {
    Project.EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    Project.EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    Project.EventStatus.MOVED: "https://schema.org/EventRescheduled",
}


def _postal_address(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    address = {"@type": "PostalAddress"}
    if lines and (match := _POSTCODE_AND_PLACE.match(lines[-1])):
        address["postalCode"], address["addressLocality"] = match.groups()
        lines = lines[:-1]
    elif lines and _PLACE_ONLY.match(lines[-1]):
        address["addressLocality"] = lines.pop()
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return address


def _event_locations(event, url):
    locations = []
    if event.place_name or event.place_address:
        place = {"@type": "Place", "name": event.place_name or event.place_address}
        if event.place_address:
            place["address"] = _postal_address(event.place_address)
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations[0] if len(locations) == 1 else locations


def _attendance_mode(event):
    in_person = bool(event.place_name or event.place_address)
    if event.online and in_person:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _offer_availability(event):
    if event.is_cancelled:
        return "https://schema.org/Discontinued"
    if event.signup_enabled and is_full(event):
        return "https://schema.org/SoldOut"
    return "https://schema.org/InStock"


def _event(context, event):
    """An event's page (partnership.participation): dates for all-day events, else moments."""
    url = _absolute(context, event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "inLanguage": get_language(),
        "url": url,
        "startDate": timing.starts(event),
        "eventStatus": _EVENT_STATUS[event.event_status],
        "eventAttendanceMode": _attendance_mode(event),
        "location": _event_locations(event, url),
    }
    if (end := timing.ends(event)) is not None:
        data["endDate"] = end
    if event.description:
        data["description"] = plain_text(event.description)
    if event.is_moved and event.original_start_date:
        data["previousStartDate"] = event.original_start_date
    organizer = _publisher(context)
    if organizer is not None:
        data["organizer"] = organizer
    if event.fee:
        data["offers"] = {
            "@type": "Offer",
            "price": f"{event.fee:.2f}",
            "priceCurrency": "EUR",
            "url": url,
            "availability": _offer_availability(event),
        }
    if event.image:
        data["image"] = [_absolute(context, event.image.url)]
    return data


@register.simple_tag(takes_context=True)
def structured_data(context, obj):
    """schema.org JSON-LD for an article (NewsArticle), a city (City) or an event (Event)."""
    builders = {Article: _article, City: _city, Project: _event}
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
