"""The ORM's column references hash as Django would hash them, only faster (core/columns.py)."""

import inspect

import pytest
from django.db import connection
from django.db.models.expressions import Col

from cities.models import City
from core.columns import column_identity, generic_identity
from news.models import Article
from partnership.models import PAGE_RELATIONS, Partnership

pytestmark = pytest.mark.django_db


def selected_columns(queryset):
    compiler = queryset.query.get_compiler(connection=connection)
    compiler.setup_query()
    return [expression for expression, _sql, _alias in compiler.select]


@pytest.mark.parametrize(
    "queryset",
    [
        Article.objects.published().select_related("created_by").order_by("-publish_at"),
        Partnership.objects.select_related(*PAGE_RELATIONS),
        City.objects.published().order_by("name"),
    ],
    ids=["articles", "partnership", "cities"],
)
def test_a_column_has_the_identity_django_gives_it(queryset):
    columns = selected_columns(queryset)
    assert len(columns) > 20
    for column in columns:
        assert type(column) is Col
        assert column_identity(column) == generic_identity(column)


def test_a_column_given_its_output_field_by_keyword_too():
    field = Article._meta.get_field("title")
    column = Col("news_article", field, output_field=field)
    assert column_identity(column) == generic_identity(column)


def test_the_site_uses_it_and_django_still_takes_the_arguments_it_names():
    assert Col.identity.func is column_identity
    parameters = list(inspect.signature(Col.__init__).parameters)
    assert parameters == ["self", "alias", "target", "output_field"]
