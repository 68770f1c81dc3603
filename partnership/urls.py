from django.urls import path

from core.urlwords import route

from . import views

app_name = "partnership"

# The section of its own (partnership.site.sections), in the words of the active language.
urlpatterns = [
    path(route("{}/", "partnerschaften"), views.PartnershipListView.as_view(), name="list"),
    path(
        route("{}/<slug:slug>/", "partnerschaften"),
        views.PartnershipDetailView.as_view(),
        name="detail",
    ),
]
