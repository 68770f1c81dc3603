"""
The public pages of events under /mitmachen/: what is coming up, the archive
of past events by year, and one page per event. The calendar files are in
``calendars.py``, the sign-up form in ``signup.py``.
"""

import datetime

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView

from cities.models import City
from core.views import PreviewableDetailView
from partnership.models import Partnership, Project


def public_events():
    return Project.objects.published().events()


class UpcomingEventListView(ListView):
    """
    "Mitmachen": the events citizens can still join, soonest first.

    Template: ``participation/event_list.html``; context: ``event_list``.
    """

    template_name = "participation/event_list.html"
    context_object_name = "event_list"

    def get_queryset(self):
        return public_events().upcoming().listed().order_by("start_date", "start_time", "pk")


class ArchiveFilterMixin:
    """
    The archive, optionally of one partnership (``?partnerschaft=<slug>``) or
    one city (``?stadt=<slug>``): an unknown or unpublished one is a 404.
    """

    def dispatch(self, request, *args, **kwargs):
        self.partnership = self.city = None
        if slug := request.GET.get("partnerschaft"):
            self.partnership = get_object_or_404(
                Partnership.objects.published().select_related("partner_city"), slug=slug
            )
        elif slug := request.GET.get("stadt"):
            self.city = get_object_or_404(City.objects.published(), slug=slug)
        return super().dispatch(request, *args, **kwargs)

    def past_events(self):
        events = public_events().past()
        if self.partnership is not None:
            events = events.filter(partnership=self.partnership)
        elif self.city is not None:
            events = events.filter(
                Q(partnership__partner_city=self.city) | Q(partnership__home_city=self.city)
            )
        return events

    def filter_query(self):
        """The filter as a query string for the links within the archive."""
        if self.partnership is not None:
            return f"?partnerschaft={self.partnership.slug}"
        if self.city is not None:
            return f"?stadt={self.city.slug}"
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive_partnership=self.partnership,
            archive_city=self.city,
            filter_query=self.filter_query(),
            **kwargs,
        )


class EventArchiveIndexView(ArchiveFilterMixin, ListView):
    """
    The years that have past events, each linking to its page.

    Template: ``participation/event_archive.html``; context: ``years`` (dates,
    the latest first), ``archive_partnership``, ``archive_city``, ``filter_query``.
    """

    template_name = "participation/event_archive.html"
    context_object_name = "years"

    def get_queryset(self):
        return self.past_events().dates("start_date", "year", order="DESC")


class EventYearArchiveView(ArchiveFilterMixin, ListView):
    """
    The past events of one year; a year without any is a 404.

    Template: ``participation/event_year.html``; context: ``event_list``,
    ``year``, ``trail`` (the breadcrumbs before the archive),
    ``archive_partnership``, ``archive_city``, ``filter_query``.
    """

    template_name = "participation/event_year.html"
    context_object_name = "event_list"
    allow_empty = False

    def get_queryset(self):
        year = self.kwargs["year"]
        if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
            # No date has such a year; the lookup could not even be built.
            raise Http404
        return (
            self.past_events()
            .filter(start_date__year=year)
            .listed()
            .order_by("start_date", "start_time", "pk")
        )

    def get_context_data(self, **kwargs):
        # Startseite › Mitmachen › Vergangene Termine › the year.
        trail = [(reverse("participation:list"), _("Mitmachen"))]
        return super().get_context_data(year=str(self.kwargs["year"]), trail=trail, **kwargs)


class EventDetailView(PreviewableDetailView):
    """
    The page of one event; staff who may edit events preview unpublished ones.

    Template: ``participation/event_detail.html``; context: ``project``.
    """

    queryset = (
        Project.objects.events()
        .with_places_taken()
        .select_related(
            "partnership__home_city", "partnership__partner_city", "cooperation_area", "contact"
        )
    )
    template_name = "participation/event_detail.html"
    context_object_name = "project"
