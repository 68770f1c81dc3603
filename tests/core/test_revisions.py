"""Revision history, comparison, restore and the no-lost-edits rule."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from news.models import Article
from partnership.site.models import LegalPage
from tests.admin_forms import change_form
from tests.conftest import logged_in
from tests.factories import (
    ArticleFactory,
    CityFactory,
    PartnershipFactory,
    UserFactory,
    article_form,
)

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def test_every_save_records_a_revision_with_its_author(leitung_client, leitung):
    article = ArticleFactory(status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Zweiter Titel"))

    latest = article.history.latest("history_date")
    assert article.history.count() == 2
    assert latest.title == "Zweiter Titel"
    assert latest.history_user == leitung


def test_compare_shows_the_changed_fields_side_by_side(leitung_client):
    article = ArticleFactory(title="Alter Titel", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Neuer Titel"))

    response = leitung_client.get(reverse("admin:news_article_compare", args=[article.pk]))

    assert response.status_code == 200
    rows = [(change.label, change.old, change.new) for change in response.context["changes"]]
    assert ("Titel [Deutsch]", "Alter Titel", "Neuer Titel") in rows


def test_compare_any_two_revisions(leitung_client):
    article = ArticleFactory(title="Eins", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Zwei"))
    article.refresh_from_db()
    leitung_client.post(change_url(article), article_form(article, title="Drei"))
    first, _second, third = article.history.order_by("history_date")

    response = leitung_client.get(
        reverse("admin:news_article_compare", args=[article.pk]),
        {"alt": first.history_id, "neu": third.history_id},
    )

    rows = [(change.label, change.old, change.new) for change in response.context["changes"]]
    assert ("Titel [Deutsch]", "Eins", "Drei") in rows


@pytest.mark.parametrize("revision", ["abc", "999999"])
def test_compare_with_an_unknown_revision_gives_404(leitung_client, revision):
    article = ArticleFactory()
    url = reverse("admin:news_article_compare", args=[article.pk])
    assert leitung_client.get(url, {"alt": revision}).status_code == 404


def test_editors_may_compare(redakteur_client):
    article = ArticleFactory()
    url = reverse("admin:news_article_compare", args=[article.pk])
    assert redakteur_client.get(url).status_code == 200


def revert_url(article, record):
    return reverse("admin:news_article_simple_history", args=[article.pk, record.history_id])


def test_lead_restores_a_revision_as_a_new_one(leitung_client):
    article = ArticleFactory(title="Original", status=Article.Status.DRAFT)
    leitung_client.post(change_url(article), article_form(article, title="Verschlimmbessert"))
    original = article.history.earliest("history_date")

    response = leitung_client.post(
        revert_url(article, original),
        article_form(article, title="Original", expected_version=original.version),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Original"
    titles = list(article.history.order_by("history_date").values_list("title", flat=True))
    assert titles == ["Original", "Verschlimmbessert", "Original"]
    assert LogEntry.objects.filter(
        object_id=article.pk, change_message__startswith="Fassung vom"
    ).exists()


def test_editor_cannot_restore(redakteur_client):
    article = ArticleFactory(title="Original", status=Article.Status.DRAFT)
    article.title = "Neu"
    article.save()
    original = article.history.earliest("history_date")

    response = redakteur_client.post(
        revert_url(article, original),
        article_form(article, title="Original", expected_version=original.version),
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Neu"


def test_second_save_is_refused_and_keeps_the_second_persons_text(leitung, redakteur):
    article = ArticleFactory(title="Start", status=Article.Status.DRAFT)
    first, second = Client(), Client()
    first.force_login(leitung)
    second.force_login(redakteur)
    # Both open the form at the same version.
    opened_at = (
        first.get(change_url(article)).context["adminform"].form["expected_version"].value()
    )
    assert second.get(change_url(article)).status_code == 200

    saved = first.post(change_url(article), article_form(article, title="Titel von Person A"))
    assert saved.status_code == 302

    refused = second.post(
        change_url(article),
        article_form(
            article,
            body="<p>Text von Person B</p>",
            expected_version=opened_at,
        ),
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "während Sie ihn bearbeitet haben" in html
    assert "Titel von Person A" in html
    assert "Text von Person B" in html
    article.refresh_from_db()
    assert article.title == "Titel von Person A"
    assert "Person B" not in article.body

    # Saving again after reading the message takes the second version.
    form = refused.context["adminform"].form
    resubmitted = second.post(
        change_url(article),
        article_form(
            article,
            title="Titel von Person A",
            body="<p>Text von Person B</p>",
            expected_version=form["expected_version"].value(),
        ),
    )
    assert resubmitted.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Text von Person B</p>"
    assert article.title == "Titel von Person A"


def test_version_counts_saves():
    article = ArticleFactory()
    assert article.version == 1
    article.save()
    assert Article.objects.get(pk=article.pk).version == 2


# --- History and comparison read as German, with labels -------------------------


def save_through_admin(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, change_form(client.get(url)).data(**changes))
    assert response.status_code == 302, response.context["errors"]
    obj.refresh_from_db()


def test_history_lists_changes_by_label_in_german(leitung_client):
    article = ArticleFactory(
        title="Besuch", body="<p>Eine Delegation kam im Mai.</p>", status=Article.Status.DRAFT
    )
    save_through_admin(
        leitung_client,
        article,
        status=Article.Status.REVIEW,
        body="<p>Eine große Delegation kam im Juni.</p>",
    )

    response = leitung_client.get(reverse("admin:news_article_history", args=[article.pk]))

    html = response.content.decode()
    assert "Änderungen" in html
    assert "Changes" not in html
    assert "None" not in html
    assert "Entwurf → Zur Prüfung" in html
    assert "<del>Mai.</del> <ins>Juni.</ins>" in html
    assert "&lt;p&gt;" not in html


def test_compare_shows_rich_text_as_a_word_diff(leitung_client):
    article = ArticleFactory(body="<p>Erster Satz.</p>", status=Article.Status.DRAFT)
    save_through_admin(
        leitung_client, article, body="<p>Erster Satz. <strong>Zweiter</strong> Satz.</p>"
    )

    response = leitung_client.get(reverse("admin:news_article_compare", args=[article.pk]))

    html = response.content.decode()
    diff = '<td colspan="2" class="revision-diff">Erster Satz. <ins>Zweiter Satz.</ins></td>'
    assert diff in html
    assert "&lt;strong&gt;" not in html


def test_compare_names_related_objects_and_reads_ja_nein(leitung_client):
    partnership = PartnershipFactory(published=False)
    other_city = CityFactory(name="Rzeszów")
    save_through_admin(
        leitung_client, partnership, partner_city=str(other_city.pk), published="on"
    )

    response = leitung_client.get(
        reverse("admin:partnership_partnership_compare", args=[partnership.pk])
    )

    rows = {change.label: (change.old, change.new) for change in response.context["changes"]}
    assert rows["Partnerstadt"][1] == "Rzeszów"
    assert rows["veröffentlicht"] == ("nein", "ja")


@pytest.fixture
def viewer_client(db):
    """Staff who may look at content but change none of it."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "view_legalpage"])
    )
    return logged_in(user)


def test_read_only_view_renders_rich_text(viewer_client):
    article = ArticleFactory(body="<p>Ein <strong>fetter</strong> Satz.</p>")

    response = viewer_client.get(change_url(article))

    html = response.content.decode()
    assert "<p>Ein <strong>fetter</strong> Satz.</p>" in html
    assert "&lt;strong&gt;" not in html


def test_revision_view_for_an_editor_is_read_only_and_rendered(redakteur_client):
    article = ArticleFactory(body="<p>Ein <em>kursiver</em> Satz.</p>")
    record = article.history.latest("history_date")

    response = redakteur_client.get(revert_url(article, record))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Ein <em>kursiver</em> Satz.</p>" in html
    assert 'name="body"' not in html
    assert "› Fassung vom" in html
    assert "View Beitrag" not in html


def test_read_only_legal_page_renders_its_rich_text(viewer_client):
    page = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title="Impressum", published=True, body="<p><b>Stadt</b></p>"
    )

    response = viewer_client.get(reverse("admin:site_legalpage_change", args=[page.pk]))

    html = response.content.decode()
    assert "<p><b>Stadt</b></p>" in html
    assert "&lt;b&gt;" not in html
