"""
Editors choose an article's categories by searching for them: every imported
WordPress tag becomes a category, and a form listing them all would be long
to scroll and slow to open.
"""

import pytest
from django.urls import reverse

from news.models import Article
from tests.admin_forms import change_form
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories():
    return [
        *CategoryFactory.create_batch(30),
        CategoryFactory(name="Kultur"),
        CategoryFactory(name="Jugendaustausch"),
    ]


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def chosen(form):
    return sorted(int(value) for name, value in form.fields if name == "categories")


def test_the_form_lists_only_the_chosen_categories_and_keeps_them_on_save(
    redakteur_client, redakteur, categories
):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)
    article.categories.set(categories[-2:])
    page = redakteur_client.get(change_url(article))
    html = page.content.decode()

    form = change_form(page)
    assert chosen(form) == sorted(category.pk for category in categories[-2:])
    assert "Kategorie 0" not in html
    assert 'data-ajax--url="/admin/autocomplete/"' in html

    response = redakteur_client.post(change_url(article), form.data(_save="Sichern"))

    assert response.status_code == 302
    assert set(article.categories.all()) == set(categories[-2:])


def test_a_category_found_by_search_is_added_on_save(redakteur_client, redakteur, categories):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)
    article.categories.set([categories[0]])
    form = change_form(redakteur_client.get(change_url(article)))

    response = redakteur_client.post(
        change_url(article),
        form.data(_save="Sichern", categories=[str(categories[0].pk), str(categories[-2].pk)]),
    )

    assert response.status_code == 302
    assert set(article.categories.all()) == {categories[0], categories[-2]}


def test_a_category_that_does_not_exist_is_a_form_error(redakteur_client, redakteur, categories):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)
    form = change_form(redakteur_client.get(change_url(article)))

    response = redakteur_client.post(
        change_url(article), form.data(_save="Sichern", categories=["999999"])
    )

    assert response.status_code == 200
    assert "categories" in response.context["adminform"].form.errors
    assert not article.categories.exists()


def search(client, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "news", "model_name": "article", "field_name": "categories", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_editors_find_categories_by_part_of_their_name(redakteur_client, categories):
    assert search(redakteur_client, "kult") == ["Kultur"]
    assert search(redakteur_client, "austausch") == ["Jugendaustausch"]
    assert search(redakteur_client, "Städtepartnerschaft") == []
