from django.db.models import Prefetch
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView

from core.views import PreviewableDetailView

from .models import City


def _published_reverse(name):
    """
    Published rows behind one of City's reverse relations. Apps that build on
    cities add those relations; asking the relation for its model keeps this
    app free of imports from them.
    """
    return City._meta.get_field(name).related_model.objects.published()


class CityListView(ListView):
    def get_queryset(self):
        return (
            City.objects.published()
            .partners()
            .prefetch_related(
                Prefetch(
                    "partnerships",
                    queryset=_published_reverse("partnerships"),
                    to_attr="public_partnerships",
                )
            )
        )


class CityDetailView(PreviewableDetailView):
    model = City
    # Public by a flag alone; read once from one save to the next.
    held_between_saves = True
    latest_articles = 5

    def get_context_data(self, **kwargs):
        city = self.object
        relation = city.home_partnerships if city.is_home else city.partnerships
        # Built and read only where the page's fragment is not stored.
        return super().get_context_data(
            partnerships=SimpleLazyObject(lambda: relation.published().with_details()),
            articles=SimpleLazyObject(
                lambda: city.articles.published().for_display()[: self.latest_articles]
            ),
            **kwargs,
        )
