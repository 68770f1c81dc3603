from django.views.generic import DetailView, ListView

from partnership.models import Project


def public_events():
    return Project.objects.published().events()


class UpcomingEventListView(ListView):
    """ "Mitmachen": the events citizens can still join, soonest first."""

    template_name = "participation/event_list.html"

    def get_queryset(self):
        return (
            public_events()
            .upcoming()
            .select_related("partnership__partner_city", "cooperation_area", "contact")
        )


class EventArchiveIndexView(ListView):
    template_name = "participation/event_archive.html"

    def get_queryset(self):
        return public_events().past().select_related("partnership__partner_city")


class EventYearArchiveView(ListView):
    template_name = "participation/event_archive.html"

    def get_queryset(self):
        return (
            public_events()
            .past()
            .filter(start_date__year=self.kwargs["year"])
            .select_related("partnership__partner_city")
        )


class EventDetailView(DetailView):
    template_name = "participation/event_detail.html"

    def get_queryset(self):
        return public_events().select_related(
            "partnership__partner_city", "cooperation_area", "contact"
        )
