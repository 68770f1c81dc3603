from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from cities.models import City
from cities.publishing import PreviewableDetailView
from partnership.models import CooperationArea, Partnership

from .models import Article, Category, PreviewLink


class ArticleListView(ListView):
    paginate_by = 10
    heading = _("Aktuelles")

    def get_queryset(self):
        return Article.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)


class FilteredArticleListView(ArticleListView):
    """Published articles linked to one category, city or cooperation area."""

    template_name = "news/article_list.html"
    filter_queryset = None
    filter_field = None

    def get_queryset(self):
        self.filter_object = get_object_or_404(self.filter_queryset, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.filter_field: self.filter_object})

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_object=self.filter_object, **kwargs)

    @property
    def heading(self):
        return self.heading_format % {"name": self.filter_object}


class CategoryArticleListView(FilteredArticleListView):
    filter_queryset = Category.objects.all()
    filter_field = "categories"
    heading_format = _("Aktuelles in der Kategorie „%(name)s“")


class CityArticleListView(FilteredArticleListView):
    filter_queryset = City.objects.published()
    filter_field = "cities"
    heading_format = _("Nachrichten aus %(name)s")


class AreaArticleListView(FilteredArticleListView):
    filter_queryset = CooperationArea.objects.all()
    filter_field = "cooperation_areas"
    heading_format = _("Aktuelles zum Kooperationsfeld „%(name)s“")


class ArticleDetailView(PreviewableDetailView):
    queryset = Article.objects.prefetch_related(
        "categories",
        "cooperation_areas",
        Prefetch("cities", queryset=City.objects.published()),
        Prefetch(
            "partnerships",
            queryset=Partnership.objects.published().select_related("partner_city"),
        ),
    )


class SharedPreviewView(DetailView):
    """One unpublished article for holders of a signed, unexpired, unrevoked link."""

    template_name = "news/article_detail.html"
    queryset = ArticleDetailView.queryset

    def get_object(self, queryset=None):
        link_pk = PreviewLink.pk_from_token(self.kwargs["token"])
        link = PreviewLink.objects.active().filter(pk=link_pk).first() if link_pk else None
        if link is None or link.article.slug != self.kwargs["slug"]:
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=link.article_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=True, is_shared_preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Neither a browser nor a shared cache may keep a copy.
        patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
