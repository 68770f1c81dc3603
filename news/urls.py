from django.urls import path

from core.urlwords import route

from . import feeds, views

app_name = "news"

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
    path("<int:year>/<int:month>/", views.ArticleMonthArchiveView.as_view(), name="month"),
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
