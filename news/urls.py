from django.urls import path, register_converter

from core.urlwords import route

from . import feeds, views

app_name = "news"


class MonthConverter:
    """A month as its links write it, "05"; "5" is still understood."""

    regex = "[0-9]{1,2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(MonthConverter, "month")

# Article slugs share the news section with these pages;
# news.models.RESERVED_SLUGS keeps the two apart in every language.
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/rss/", feeds.ArticleFeed(), name="feed-rss"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path(
        route("{}/<slug:slug>/feed/rss/", "kategorie"),
        feeds.CategoryFeed(),
        name="category-feed-rss",
    ),
    path(
        route("{}/<slug:slug>/feed/atom/", "kategorie"),
        feeds.AtomCategoryFeed(),
        name="category-feed-atom",
    ),
    path(route("{}/<slug:slug>/feed/rss/", "stadt"), feeds.CityFeed(), name="city-feed-rss"),
    path(route("{}/<slug:slug>/feed/atom/", "stadt"), feeds.AtomCityFeed(), name="city-feed-atom"),
    path("<int:year>/", views.ArticleYearArchiveView.as_view(), name="year"),
    path("<int:year>/<month:month>/", views.ArticleMonthArchiveView.as_view(), name="month"),
    path(
        route("{}/<slug:slug>/", "kategorie"),
        views.CategoryArticleListView.as_view(),
        name="category",
    ),
    path(route("{}/<slug:slug>/", "stadt"), views.CityArticleListView.as_view(), name="city"),
    path(route("{}/<slug:slug>/", "bereich"), views.AreaArticleListView.as_view(), name="area"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        route("<slug:slug>/{}/<str:token>/", "vorschau"),
        views.SharedPreviewView.as_view(),
        name="shared-preview",
    ),
]
