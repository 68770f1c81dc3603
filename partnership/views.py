from functools import partial

from django.views.generic import ListView

from cities.models import City
from core.views import PreviewableDetailView

from .map import partnership_map
from .models import PAGE_RELATIONS, Partnership, fetch_details


class PartnershipListView(ListView):
    def get_queryset(self):
        return Partnership.objects.published().select_related("home_city", "partner_city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        home = City.objects.published().home()
        return {**context, "map": partnership_map(home, context["partnership_list"])}


class PartnershipDetailView(PreviewableDetailView):
    queryset = Partnership.objects.select_related(*PAGE_RELATIONS)
    latest_articles = 5

    def get_context_data(self, **kwargs):
        partnership = self.object
        # Article through the relation: news builds on this app, not the reverse.
        articles = partnership.articles.model.objects.published().for_display().about(partnership)
        return super().get_context_data(
            articles=articles[: self.latest_articles],
            # A callable, which the template calls: the lists are read only
            # where the page's fragment is not stored.
            with_details=partial(fetch_details, partnership),
            **kwargs,
        )
