"""
Developer tooling, not part of the site: reference views for ``make bench``,
mounted only with BENCHMARK=true. They measure what the framework and the
database cost without the site's pages. The rest of the bench tooling is in
the commands generate_bench_data and run_bench.
"""

import random

from django.shortcuts import render
from django.urls import path

from news.models import Category


def static_page(request):
    """About 20 KB from a template, no database: the framework's ceiling."""
    return render(request, "bench/static.html")


def table_rows(request):
    """Ten rows of a 1,000-row table through a template."""
    offset = random.randrange(990)
    rows = Category.objects.order_by("pk")[offset : offset + 10]
    return render(request, "bench/rows.html", {"rows": rows})


urlpatterns = [
    path("static/", static_page),
    path("rows/", table_rows),
]
