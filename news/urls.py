from django.urls import path

from . import feeds, views

app_name = "news"

# Article slugs share the /aktuelles/ prefix with these pages;
# news.models.RESERVED_SLUGS keeps the two apart.
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/rss/", feeds.ArticleFeed(), name="feed-rss"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="feed-atom"),
    path("kategorie/<slug:slug>/feed/rss/", feeds.CategoryFeed(), name="category-feed-rss"),
    path("kategorie/<slug:slug>/feed/atom/", feeds.AtomCategoryFeed(), name="category-feed-atom"),
    path("stadt/<slug:slug>/feed/rss/", feeds.CityFeed(), name="city-feed-rss"),
    path("stadt/<slug:slug>/feed/atom/", feeds.AtomCityFeed(), name="city-feed-atom"),
    path("<int:year>/", views.ArticleYearArchiveView.as_view(), name="year"),
    path("<int:year>/<int:month>/", views.ArticleMonthArchiveView.as_view(), name="month"),
    path("kategorie/<slug:slug>/", views.CategoryArticleListView.as_view(), name="category"),
    path("stadt/<slug:slug>/", views.CityArticleListView.as_view(), name="city"),
    path("bereich/<slug:slug>/", views.AreaArticleListView.as_view(), name="area"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/vorschau/<str:token>/",
        views.SharedPreviewView.as_view(),
        name="shared-preview",
    ),
]
