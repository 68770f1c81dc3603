"""
Translations in the admin: language tabs, states, outdated translations, the
overview, and proposals for live content. Forms are posted as the admin renders them.
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from core.pending import PendingChange
from core.translation import State
from news.models import Article
from tests.admin_forms import change_form
from tests.factories import ArticleFactory, CityFactory

pytestmark = pytest.mark.django_db

XSS = '<b onmouseover="alert(1)">!</b><script>alert(2)</script><a href="javascript:alert(3)">x</a>'


@pytest.fixture(autouse=True)
def every_language(settings):
    settings.LANGUAGES = [(code, code) for code in settings.CONTENT_LANGUAGES]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def pending_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[obj.pk])


def post_changed(client, obj, **changes):
    form = change_form(client.get(change_url(obj)))
    assert "_save" in form.submits, "the user gets an editable form"
    return client.post(change_url(obj), form.data(_save="Sichern", **changes))


def live_article():
    return Article.objects.published().exclude(image="").first()


def outdated_article():
    article = ArticleFactory(title="Alt", title_en="Old", body_en="<p>Old.</p>")
    article.translation_state_en = State.COMPLETE
    article.save()
    article.title = "Neu"
    article.save()
    return article


def test_the_form_has_a_tab_per_language_german_first_and_the_states(admin_client):
    article = ArticleFactory()
    page = admin_client.get(change_url(article)).content.decode()
    names = re.findall(r'name="(title_[a-z]{2})"', page)
    assert names == ["title_de", "title_en", "title_ja", "title_es", "title_uk"]
    assert 'name="translation_state_en"' in page
    assert "Englisch: Übersetzung" in page
    assert "Japanisch (ungeprüft): Übersetzung" in page


def test_the_language_tabs_load_nothing_from_other_sites(admin_client):
    page = admin_client.get(change_url(ArticleFactory())).content.decode()
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', page)
    assert any("jquery-ui-tabs.js" in src for src in scripts)
    assert any("tabbed_translation_fields.js" in src for src in scripts)
    assert all(src.startswith("/") and not src.startswith("//") for src in scripts), scripts


def test_an_english_body_is_sanitised_when_saved_through_the_form(admin_client):
    article = ArticleFactory()
    response = post_changed(admin_client, article, body_en=f"<p>Visit{XSS}</p>")
    assert response.status_code == 302
    article.refresh_from_db()
    assert "Visit" in article.body_en
    assert "onmouseover" not in article.body_en
    assert "<script" not in article.body_en and "javascript:" not in article.body_en


def test_an_editors_english_change_to_live_content_waits_for_review(
    demo, redakteur_client, leitung_client
):
    article = live_article()
    before = article.body_en

    response = post_changed(redakteur_client, article, body_en="<p>A better text.</p>")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body_en == before
    pending = PendingChange.objects.for_object(article)
    assert pending.proposal["fields"]["body_en"] == "<p>A better text.</p>"

    leitung_client.post(pending_url(article), {"_publish": "1", "comment": ""})

    article.refresh_from_db()
    assert article.body_en == "<p>A better text.</p>"


def test_an_editor_marking_a_translation_complete_waits_for_review(
    demo, redakteur_client, leitung_client
):
    article = live_article()
    assert article.translation_state_uk != State.COMPLETE
    post_changed(
        redakteur_client,
        article,
        title_uk="Переклад",
        body_uk="<p>Текст.</p>",
        translation_state_uk=State.COMPLETE,
    )
    with translation.override("uk"):
        assert not Article.objects.published().filter(pk=article.pk).exists()

    leitung_client.post(pending_url(article), {"_publish": "1", "comment": ""})

    article.refresh_from_db()
    assert article.translation_state("uk") == State.COMPLETE
    with translation.override("uk"):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_an_outdated_translation_shows_what_changed_in_german(admin_client):
    article = outdated_article()
    page = admin_client.get(change_url(article)).content.decode()
    assert "Geändert im deutschen Text" in page
    assert "<del>Alt</del>" in page and "<ins>Neu</ins>" in page
    assert 'name="confirm_translation_en"' in page


def test_one_click_confirms_an_outdated_translation(admin_client):
    article = outdated_article()
    post_changed(admin_client, article, confirm_translation_en="on")
    article.refresh_from_db()
    assert article.translation_state("en") == State.COMPLETE
    assert not Article.objects.outdated().exists()


def test_an_editors_confirmation_on_live_content_waits_for_review(
    demo, redakteur_client, leitung_client
):
    article = live_article()
    article.translation_state_en = State.COMPLETE
    article.save()
    article.teaser = "Ein geänderter Anreißer."
    article.save()
    assert article.is_outdated("en")

    post_changed(redakteur_client, article, confirm_translation_en="on")

    article.refresh_from_db()
    assert article.is_outdated("en")
    assert PendingChange.objects.for_object(article) is not None

    leitung_client.post(pending_url(article), {"_publish": "1", "comment": ""})

    article.refresh_from_db()
    assert not article.is_outdated("en")


def test_the_list_filters_outdated_translations(admin_client):
    outdated = outdated_article()
    ArticleFactory(title="Aktuell")
    page = admin_client.get(reverse("admin:news_article_changelist"), {"uebersetzung": "en"})
    assert list(page.context["cl"].result_list) == [outdated]


def test_the_start_page_counts_outdated_translations(admin_client):
    outdated_article()
    CityFactory()
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert "1 Inhalt mit veralteter Übersetzung" in page


def test_the_overview_lists_every_object_and_language_with_its_state(admin_client):
    outdated = outdated_article()
    city = CityFactory(name="Tsukuba")
    url = reverse("admin:translations")

    everything = admin_client.get(url)
    rows = {
        (row["object"], row["language"], str(row["state"])) for row in everything.context["rows"]
    }
    assert (outdated, "Englisch", "veraltet") in rows
    assert (city, "Englisch", "fehlt") in rows
    assert (city, "Ukrainisch (ungeprüft)", "fehlt") in rows
    assert f'href="{change_url(city)}"' in everything.content.decode()

    filtered = admin_client.get(url, {"stand": "veraltet", "sprache": "en", "inhalt": "article"})
    assert [row["object"] for row in filtered.context["rows"]] == [outdated]


def test_the_overview_ignores_unknown_filter_values(admin_client):
    CityFactory()
    response = admin_client.get(reverse("admin:translations"), {"stand": "x", "seite": "zz"})
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_the_overview_pages_keep_their_filters(admin_client):
    CityFactory.create_batch(26)
    url = reverse("admin:translations")

    first = admin_client.get(url, {"inhalt": "city"})

    assert len(first.context["rows"]) == 100
    assert 'href="?inhalt=city&amp;sprache=&amp;stand=&amp;seite=2"' in first.content.decode()
    second = admin_client.get(url, {"inhalt": "city", "seite": "2"})
    assert len(second.context["rows"]) == 4
