"""The admin's change lists read as German: filter headings, empty cells."""

import re
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

OWN_APPS = {"cities", "news", "partnership", "admin"}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def changelist_urls():
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label in OWN_APPS:
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def filter_titles(html):
    return [
        " ".join(title.split()) for title in re.findall(r"<summary>(.*?)</summary>", html, re.S)
    ]


def test_article_filters_read_as_german(demo, admin_client):
    html = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert filter_titles(html) == [
        "Nach Status",
        "Nach Kategorie",
        "Nach Stadt",
        "Nach Erscheinungsdatum",
        "Nach Übersetzung",
    ]


def test_every_filter_heading_names_a_noun(demo, admin_client):
    # "Nach veröffentlicht", "Nach gültig bis": a field label where a noun belongs.
    wrong = {}
    for url in changelist_urls():
        html = admin_client.get(url).content.decode()
        titles = [title for title in filter_titles(html) if not re.match(r"Nach [A-ZÄÖÜ]", title)]
        if titles:
            wrong[url] = titles
    assert wrong == {}


def test_published_filter_says_what_it_filters(demo, admin_client):
    html = admin_client.get(reverse("admin:cities_city_changelist")).content.decode()
    assert "Nach Veröffentlichung" in html
    assert ">nicht veröffentlicht</a>" in html


def test_no_list_shows_a_bare_hyphen_for_an_empty_value(demo, admin_client):
    bare = [
        url
        for url in changelist_urls()
        if re.search(r"<td[^>]*>\s*-\s*</td>", admin_client.get(url).content.decode())
    ]
    assert bare == []
