from django.urls import path

from . import views

app_name = "news"

# Article slugs share the /aktuelles/ prefix with these pages;
# news.models.RESERVED_SLUGS keeps the two apart.
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
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
