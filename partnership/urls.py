from django.urls import path

from . import views

app_name = "partnership"

urlpatterns = [
    path("partnerschaften/", views.PartnershipListView.as_view(), name="list"),
    path("partnerschaften/<slug:slug>/", views.PartnershipDetailView.as_view(), name="detail"),
    path("mitmachen/", views.UpcomingProjectListView.as_view(), name="participate"),
]
