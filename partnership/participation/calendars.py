"""
Calendar files (iCalendar, RFC 5545): one event for "In meinen Kalender",
and feeds to subscribe to of all events, of a partnership's and of a city's.

A subscribed calendar only learns what a feed still lists, so a feed keeps
cancelled events (STATUS:CANCELLED) and past ones of the last year. Each
event keeps its UID across edits, and its SEQUENCE grows with every change a
subscriber should see (partnership.models.Project.calendar_fields).

The files are built in the language of their address, like every page, and
are cached by the page cache like the news feeds: an edit shows in the next
download.
"""

import re
from datetime import datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vCalAddress, vDuration

from cities.models import City
from partnership.models import Partnership, Project

# Events are held and shown in German time, wherever the reader is.
BERLIN = ZoneInfo("Europe/Berlin")
# How long past events stay in the feeds, so subscribers' calendars keep them.
KEPT_FOR = timedelta(days=365)
# How often a subscribed calendar should look for changes (REFRESH-INTERVAL):
# a cancellation should reach subscribers on the day.
REFRESH = timedelta(hours=1)
# Where rich text ends a line: the description keeps its paragraphs and items.
_LINE_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def site_name():
    """The site's name in the active language, read through the admin site (news/feeds.py)."""
    return str(admin.site.site_title)


def site_origin(request):
    """The scheme and host of public addresses, as the pages' canonical links have them."""
    return settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")


def feed_events():
    """Published events that ended less than a year ago or are still to come."""
    since = timezone.localdate() - KEPT_FOR
    return Project.objects.published().events().upcoming(today=since).select_related("contact")


def when(project):
    """DTSTART and DTEND: days for all-day events (the end exclusive), else times in Berlin."""
    if project.is_all_day:
        return project.start_date, project.last_day + timedelta(days=1)
    start = datetime.combine(project.start_date, project.start_time, tzinfo=BERLIN)
    if project.end_time:
        return start, datetime.combine(project.last_day, project.end_time, tzinfo=BERLIN)
    if project.last_day != project.start_date:
        # Open-ended on the last day: the calendar shows it up to midnight.
        return start, datetime.combine(project.last_day + timedelta(days=1), time(), tzinfo=BERLIN)
    # A start without an end: a moment, as RFC 5545 reads an event without DTEND.
    return start, None


def text_lines(html):
    """Rich text as plain text, a line for each paragraph or item, without markup."""
    text = unescape(strip_tags(_LINE_END.sub("\n", html or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def summary(project):
    if project.is_cancelled:
        return _("Abgesagt: %(title)s") % {"title": project.title}
    if project.is_moved:
        return _("Verschoben: %(title)s") % {"title": project.title}
    return project.title


def location(project):
    parts = [project.place_name, ", ".join(project.place_address.splitlines())]
    if project.online:
        parts.append(_("online"))
    return ", ".join(part.strip() for part in parts if part.strip())


def description(project, url):
    lines = []
    if project.is_cancelled:
        lines.append(_("Dieser Termin ist abgesagt."))
    elif project.is_moved and project.original_start_date:
        lines.append(
            _("Dieser Termin ist verschoben. Ursprünglich angekündigt war der %(date)s.")
            % {"date": formats.date_format(project.original_start_date)}
        )
    elif project.is_moved:
        lines.append(_("Dieser Termin ist verschoben."))
    if text := text_lines(project.description):
        lines.append(text)
    if project.fee is not None:
        fee = _("%(amount)s Euro") % {"amount": formats.number_format(project.fee, 2)}
        if project.fee_note:
            fee = f"{fee} ({project.fee_note})"
        lines.append(_("Kosten: %(fee)s") % {"fee": fee})
    elif project.fee_note:
        lines.append(_("Kosten: %(fee)s") % {"fee": project.fee_note})
    if project.audience:
        lines.append(_("Für wen: %(audience)s") % {"audience": project.audience})
    if project.bring:
        lines.append(
            _("Bitte mitbringen: %(things)s") % {"things": " ".join(project.bring.split())}
        )
    lines.append(_("Mehr dazu: %(url)s") % {"url": url})
    return "\n\n".join(lines)


def organizer(contact):
    """Who takes questions, where the event names a contact with an e-mail address."""
    if contact is None or not contact.email:
        return None
    address = vCalAddress(f"mailto:{contact.email}")
    address.params["cn"] = contact.name
    return address


def vevent(project, origin, stamp):
    url = origin + project.get_absolute_url()
    start, end = when(project)
    event = Event.new(
        # The UUID alone, as RFC 7986 (5.3) advises: no host name, which could
        # change when the site moves and would make every event a new one.
        uid=str(project.uid),
        stamp=stamp,
        sequence=project.sequence,
        summary=summary(project),
        description=description(project, url),
        start=start,
        end=end,
        location=location(project) or None,
        url=url,
        status="CANCELLED" if project.is_cancelled else "CONFIRMED",
        categories=[project.get_kind_display()],
        organizer=organizer(project.contact),
    )
    event.add("last-modified", project.updated)
    if project.latitude is not None and project.longitude is not None:
        event.add("geo", (float(project.latitude), float(project.longitude)))
    return event


def calendar_response(request, projects, *, name=None, disposition="inline"):
    """
    ``projects`` as an iCalendar file; ``name`` for a feed to subscribe to,
    which also asks subscribers to look for changes every hour. The file's
    name is the last part of its address.
    """
    language = get_language()
    calendar = Calendar.new(
        prodid=f"-//{site_name()}//{_('Mitmachen')}//{language.upper()}",
        calscale="GREGORIAN",
        method="PUBLISH",
        name=name,
    )
    # A fresh UID for the calendar on every download would tell clients
    # nothing; RFC 7986 makes it optional.
    del calendar["UID"]
    if name:
        # RFC 7986 requires the VALUE parameter; X-PUBLISHED-TTL is Outlook's older word.
        calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    origin = site_origin(request)
    stamp = timezone.now()
    events = [vevent(project, origin, stamp) for project in projects]
    for event in events:
        calendar.add_component(event)
    timed = [project for project in projects if not project.is_all_day]
    if timed:
        # The rules of German time for the years the events span, not for
        # every year icalendar knows of.
        calendar.add_missing_timezones(
            first_date=min(project.start_date for project in timed).replace(month=1, day=1),
            last_date=max(project.last_day for project in timed).replace(month=12, day=31),
        )
        # The library notes in English which years the rules cover; the
        # events are the file's whole span, so the note tells nobody anything.
        for zone in calendar.walk("VTIMEZONE"):
            zone.pop("COMMENT", None)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    filename = request.path.rsplit("/", 1)[-1]
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def feed_name(subject=None):
    if subject is None:
        return _("%(site)s – Mitmachen") % {"site": site_name()}
    return _("%(site)s – Termine: %(subject)s") % {"site": site_name(), "subject": subject}


@require_safe
def all_events(request):
    """All published events, to subscribe to."""
    return calendar_response(request, list(feed_events()), name=feed_name())


@require_safe
def partnership_events(request, slug):
    """The events of one partnership, to subscribe to."""
    partnership = get_object_or_404(
        Partnership.objects.published().select_related("home_city", "partner_city"), slug=slug
    )
    projects = list(feed_events().filter(partnership=partnership))
    return calendar_response(request, projects, name=feed_name(partnership))


@require_safe
def city_events(request, slug):
    """
    The events of one city's partnerships, to subscribe to: for a partner
    city those of its partnership, for the home city all of them.
    """
    city = get_object_or_404(City.objects.published(), slug=slug)
    projects = list(
        feed_events().filter(Q(partnership__home_city=city) | Q(partnership__partner_city=city))
    )
    return calendar_response(request, projects, name=feed_name(city))


@require_safe
def event(request, slug):
    """One event, for "In meinen Kalender": a file to open, not a feed."""
    project = get_object_or_404(
        Project.objects.published().events().select_related("contact"), slug=slug
    )
    return calendar_response(request, [project], disposition="attachment")
