"""The files under /daten/, once, without language prefix; the page is in sections' list."""

from django.urls import path, re_path

from . import views
from .datasets import DATASETS

app_name = "opendata"

SLUGS = "|".join(DATASETS)

urlpatterns = [
    re_path(rf"^(?P<slug>{SLUGS})\.(?P<extension>csv|json)$", views.data_file, name="file"),
    re_path(rf"^(?P<slug>{SLUGS})\.schema\.json$", views.schema, name="schema"),
    re_path(rf"^(?P<slug>{SLUGS})\.csv-metadata\.json$", views.csv_metadata, name="csvw"),
    path("dcat.rdf", views.catalogue, name="dcat"),
]
