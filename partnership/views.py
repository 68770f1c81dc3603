from django.views.generic import ListView

from cities.models import City
from core.views import PreviewableDetailView

from .map import partnership_map
from .models import Partnership


class PartnershipListView(ListView):
    def get_queryset(self):
        return Partnership.objects.published().select_related("home_city", "partner_city")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        home = City.objects.published().home()
        return {**context, "map": partnership_map(home, context["partnership_list"])}


class PartnershipDetailView(PreviewableDetailView):
    queryset = Partnership.objects.with_details()
    latest_articles = 5

    def get_context_data(self, **kwargs):
        # Article through the relation: news builds on this app, not the reverse.
        articles = self.object.articles.model.objects.published().about(self.object)
        return super().get_context_data(articles=articles[: self.latest_articles], **kwargs)
