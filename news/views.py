from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView

from cities.models import City
from core.pending import PendingChange
from core.views import PreviewableDetailView, ProposalPreviewMixin
from partnership.models import CooperationArea

from .models import Article, Category, PreviewLink


class ArticleListMixin:
    """
    Ten articles a page, for at most twenty pages: older news is reached
    through the year and month archives, not through page 5,000.
    """

    template_name = "news/article_list.html"
    paginate_by = 10
    max_pages = 20
    heading = _("Aktuelles")

    def get_queryset(self):
        return Article.objects.published().for_display()

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset[: self.max_pages * page_size], page_size)

    def get_context_data(self, **kwargs):
        # Read only where the page's fragment is not stored (the template).
        years = SimpleLazyObject(lambda: Article.objects.published().archive_dates("year", "DESC"))
        return super().get_context_data(heading=self.heading, archive_years=years, **kwargs)


class ArticleListView(ArticleListMixin, ListView):
    pass


class FilteredArticleListView(ArticleListView):
    """Published articles linked to one category, city or cooperation area."""

    filter_queryset = None
    filter_field = None

    def get_queryset(self):
        self.filter_object = get_object_or_404(self.filter_queryset, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.filter_field: self.filter_object})

    feed_names = None

    def get_context_data(self, **kwargs):
        feed_urls = None
        if self.feed_names:
            rss, atom = (reverse(name, args=[self.filter_object.slug]) for name in self.feed_names)
            feed_urls = {"rss": rss, "atom": atom}
        return super().get_context_data(
            filter_object=self.filter_object, feed_urls=feed_urls, **kwargs
        )

    @property
    def heading(self):
        return self.heading_format % {"name": self.filter_object}


class CategoryArticleListView(FilteredArticleListView):
    filter_queryset = Category.objects.all()
    filter_field = "categories"
    heading_format = _("Aktuelles in der Kategorie „%(name)s“")
    feed_names = ("news:category-feed-rss", "news:category-feed-atom")


class CityArticleListView(FilteredArticleListView):
    filter_queryset = City.objects.published()
    filter_field = "cities"
    heading_format = _("Nachrichten aus %(name)s")
    feed_names = ("news:city-feed-rss", "news:city-feed-atom")


class AreaArticleListView(FilteredArticleListView):
    filter_queryset = CooperationArea.objects.all()
    filter_field = "cooperation_areas"
    heading_format = _("Aktuelles zum Kooperationsfeld „%(name)s“")


class LanguageArchiveMixin:
    """
    A year's or month's archive exists where German articles were published
    in it. Its versions in the other languages exist beside it, as the
    language switcher and the hreflang links promise, even while nothing of
    that time is translated yet.
    """

    def get_allow_empty(self):
        return translation.get_language() != settings.LANGUAGE_CODE

    def get_dated_queryset(self, **lookup):
        queryset = super().get_dated_queryset(**lookup)
        if self.get_allow_empty():
            with translation.override(settings.LANGUAGE_CODE):
                if not Article.objects.published().filter(**lookup).exists():
                    raise Http404("no German articles in this period")
        return queryset


class ArticleYearArchiveView(LanguageArchiveMixin, ArticleListMixin, YearArchiveView):
    date_field = "publish_at"
    make_object_list = True
    # published() already leaves out what is not due yet.
    allow_future = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # A year without articles was already turned away with a 404.
        return queryset.archive_dates("month")

    @property
    def heading(self):
        return _("Nachrichten aus %(year)s") % {"year": self.get_year()}


class ArticleMonthArchiveView(LanguageArchiveMixin, ArticleListMixin, MonthArchiveView):
    date_field = "publish_at"
    month_format = "%m"
    allow_future = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The page links to months and years, not to single days.
        return None

    @property
    def heading(self):
        month = date(int(self.get_year()), int(self.get_month()), 1)
        return _("Nachrichten aus %(month)s") % {"month": date_format(month, "YEAR_MONTH_FORMAT")}


class ArticleDetailView(PreviewableDetailView):
    # The article alone: its template reads the related rows inside the
    # page's fragment, so a stored fragment costs no query for them.
    model = Article


class SharedPreviewView(ProposalPreviewMixin, DetailView):
    """One unpublished article for holders of an unexpired, unrevoked link's token."""

    template_name = "news/article_detail.html"
    model = Article

    def get_object(self, queryset=None):
        link = PreviewLink.objects.for_token(self.kwargs["token"])
        if link is None or link.article.slug != self.kwargs["slug"]:
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=link.article_id)

    def get(self, request, *args, **kwargs):
        # A live article with a proposed change shows the proposal.
        article = self.get_object()
        pending = PendingChange.objects.for_object(article)
        if pending is None:
            return super().get(request, *args, **kwargs)
        return self.render_proposal(article, pending)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            is_preview=True,
            is_shared_preview=True,
            is_pending_preview=self.previewing_change,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Neither a browser nor a shared cache may keep a copy.
        patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
