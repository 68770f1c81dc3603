"""Rights of the two editorial roles, on every content type and every way in."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cities.models import City
from core.pending import PendingChange
from news.models import Article
from partnership.models import Agreement, Partnership, Project
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CityFactory,
    PartnershipFactory,
    ProjectFactory,
    UserFactory,
    article_form,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:news_article_add")


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def audit_messages(obj):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=obj.pk)]


# --- Roles ---------------------------------------------------------------


def test_setup_roles_is_idempotent_and_removes_stray_rights():
    call_command("setup_roles", stdout=StringIO())
    editors = Group.objects.get(name="Redaktion")
    first = set(editors.permissions.values_list("codename", flat=True))
    editors.permissions.add(*Group.objects.get(name="Redaktionsleitung").permissions.all())

    call_command("setup_roles", stdout=StringIO())

    assert set(editors.permissions.values_list("codename", flat=True)) == first
    assert "publish_article" not in first and "delete_article" not in first
    assert Group.objects.count() == 2


def test_lead_has_publish_and_delete_rights(leitung):
    for permission in [
        "news.publish_article",
        "news.delete_article",
        "cities.publish_city",
        "partnership.publish_partnership",
        "admin.view_logentry",
    ]:
        assert leitung.has_perm(permission), permission


# --- Editors (Redaktion) -------------------------------------------------


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:news_article_add",
        "admin:cities_city_add",
        "admin:partnership_partnership_add",
        "admin:partnership_agreement_add",
        "admin:partnership_project_add",
    ],
)
def test_editor_can_open_add_pages(redakteur_client, url_name):
    assert redakteur_client.get(reverse(url_name)).status_code == 200


def test_editor_writes_a_draft_and_submits_it_for_review(redakteur_client, redakteur):
    assert redakteur_client.post(ADD_URL, article_form()).status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by == redakteur

    response = redakteur_client.post(
        change_url(article), article_form(article, status=Article.Status.REVIEW)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


@pytest.mark.parametrize("status", [Article.Status.PUBLISHED, Article.Status.WITHDRAWN])
def test_editor_forging_a_status_on_a_new_article_gets_a_form_error(redakteur_client, status):
    response = redakteur_client.post(ADD_URL, article_form(status=status))
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_editor_forging_publication_of_a_draft_gets_a_form_error(redakteur_client):
    draft = ArticleFactory(status=Article.Status.REVIEW)
    response = redakteur_client.post(
        change_url(draft), article_form(draft, status=Article.Status.PUBLISHED)
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Article.Status.REVIEW


def test_editor_cannot_rewrite_the_leads_comment(redakteur_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, review_comment="Quelle fehlt.")
    response = redakteur_client.post(
        change_url(draft), article_form(draft, review_comment="Passt schon.")
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.review_comment == "Quelle fehlt."


def test_editor_changes_a_live_article_only_as_a_proposal(redakteur_client):
    article = ArticleFactory(title="Live")
    response = redakteur_client.get(change_url(article))
    assert response.status_code == 200
    assert "geht als Änderung an die Redaktionsleitung" in response.content.decode()

    response = redakteur_client.post(
        change_url(article), article_form(article, title="Geändert", expected_version="1.0")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Live"
    assert PendingChange.objects.for_object(article).proposal["fields"]["title"] == "Geändert"


def test_editor_changes_a_scheduled_article_only_as_a_proposal(redakteur_client):
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(days=3))
    response = redakteur_client.post(
        change_url(scheduled), article_form(scheduled, title="X", expected_version="1.0")
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=scheduled.pk).title != "X"
    assert PendingChange.objects.for_object(scheduled)


def test_editor_cannot_delete(redakteur_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    url = reverse("admin:news_article_delete", args=[draft.pk])
    assert redakteur_client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("action", ["publish", "withdraw", "delete_selected"])
def test_editor_forging_a_bulk_action_gets_403(redakteur_client, action):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    live = ArticleFactory()
    response = redakteur_client.post(
        reverse("admin:news_article_changelist"),
        {"action": action, "_selected_action": [draft.pk, live.pk], "index": 0},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert live.status == Article.Status.PUBLISHED


def test_editor_forging_a_list_edit_gets_403(redakteur_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    response = redakteur_client.post(
        reverse("admin:news_article_changelist"),
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-0-id": draft.pk,
            "form-0-status": Article.Status.PUBLISHED,
            "_save": "Sichern",
        },
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def city_form(city, **overrides):
    # The admin edits the German name and slug under their German columns.
    return {
        "name_de": city.name,
        "slug_de": city.slug,
        "country": city.country.code,
        **overrides,
    }


def test_editor_edits_an_unpublished_city(redakteur_client):
    city = CityFactory(published=False)
    response = redakteur_client.post(
        change_url(city), city_form(city, region="Thüringen", expected_version=city.version)
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.region == "Thüringen" and not city.published


def test_editor_forging_city_publication_gets_403(redakteur_client):
    city = CityFactory(published=False)
    response = redakteur_client.post(
        change_url(city), city_form(city, published="on", expected_version=city.version)
    )
    assert response.status_code == 403
    city.refresh_from_db()
    assert not city.published


def test_editor_changes_a_published_city_only_as_a_proposal(redakteur_client):
    city = CityFactory(published=True, region="alt")
    response = redakteur_client.post(
        change_url(city), city_form(city, region="neu", expected_version=f"{city.version}.0")
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.region == "alt"
    assert PendingChange.objects.for_object(city).proposal["fields"]["region"] == "neu"


def test_editor_forging_a_project_publication_through_the_inline_gets_403(redakteur_client):
    partnership = PartnershipFactory(published=False)
    project = ProjectFactory(partnership=partnership, published=False)
    response = redakteur_client.post(
        change_url(partnership),
        {
            "projects-TOTAL_FORMS": 1,
            "projects-INITIAL_FORMS": 1,
            "projects-0-id": project.pk,
            "projects-0-partnership": partnership.pk,
            "projects-0-published": "on",
        },
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert not project.published


def test_editor_forging_a_project_publication_directly_gets_403(redakteur_client):
    project = ProjectFactory(partnership=PartnershipFactory(published=False), published=False)
    response = redakteur_client.post(change_url(project), {"published": "on"})
    assert response.status_code == 403
    assert not Project.objects.get(pk=project.pk).published


def test_editor_cannot_change_an_agreement_of_a_live_partnership(redakteur_client):
    agreement = AgreementFactory(title="alt")
    response = redakteur_client.post(change_url(agreement), {"title": "neu"})
    assert response.status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).title == "alt"


def test_editor_edits_the_inlines_of_a_live_partnership_as_a_proposal(redakteur_client):
    partnership = PartnershipFactory()
    AgreementFactory(partnership=partnership)
    response = redakteur_client.get(change_url(partnership))
    assert response.status_code == 200
    for formset in response.context["inline_admin_formsets"]:
        assert formset.has_add_permission and formset.has_change_permission
    assert "geht als Änderung an die Redaktionsleitung" in response.content.decode()


def test_editor_cannot_publish_a_partnership(redakteur_client):
    partnership = PartnershipFactory(published=False)
    response = redakteur_client.post(change_url(partnership), {"published": "on"})
    assert response.status_code == 403
    assert not Partnership.objects.get(pk=partnership.pk).published


def test_editor_cannot_read_the_audit_trail(redakteur_client):
    assert redakteur_client.get("/admin/admin/logentry/").status_code == 403


# --- Leads (Redaktionsleitung) -------------------------------------------


def test_lead_publishes_a_reviewed_article_and_it_is_audited(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    response = leitung_client.post(
        change_url(article), article_form(article, status=Article.Status.PUBLISHED)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published()
    assert "Veröffentlicht" in audit_messages(article)


def test_lead_schedules_an_article(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    response = leitung_client.post(
        change_url(article),
        article_form(
            article,
            status=Article.Status.PUBLISHED,
            publish_at_0="24.12.2099",
            publish_at_1="09:00",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.visibility() == "geplant"
    assert "Veröffentlichung geplant" in audit_messages(article)


def test_lead_sends_an_article_back_only_with_a_comment(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    response = leitung_client.post(
        change_url(article), article_form(article, status=Article.Status.DRAFT)
    )
    assert response.status_code == 200
    assert "was vor der Veröffentlichung noch zu tun ist" in response.content.decode()

    response = leitung_client.post(
        change_url(article),
        article_form(
            article, status=Article.Status.DRAFT, review_comment="Bitte Quelle für die Zahl."
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Zur Überarbeitung zurückgegeben" in audit_messages(article)


def test_lead_withdraws_with_the_bulk_action(leitung_client):
    article = ArticleFactory()
    leitung_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "withdraw", "_selected_action": [article.pk], "index": 0},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert "Zurückgezogen" in audit_messages(article)


def test_bulk_publishing_is_blocked_while_an_image_lacks_alt_text(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    # update() bypasses the form's validation, as an import might.
    Article.objects.filter(pk=article.pk).update(body='<p><img src="/media/editor/x.jpg"></p>')
    response = leitung_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk], "index": 0},
        follow=True,
    )
    assert "ohne Alternativtext: x.jpg" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_bulk_publishing_publishes_clean_articles(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    leitung_client.post(
        reverse("admin:news_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk], "index": 0},
    )
    article.refresh_from_db()
    assert article.is_published()
    assert "Veröffentlicht" in audit_messages(article)


def test_lead_edits_live_content(leitung_client):
    city = CityFactory(published=True)
    response = leitung_client.post(
        change_url(city), city_form(city, published="on", region="neu", expected_version=1)
    )
    assert response.status_code == 302
    assert City.objects.get(pk=city.pk).region == "neu"


def test_lead_publishing_a_city_is_audited(leitung_client):
    city = CityFactory(published=False)
    leitung_client.post(
        change_url(city), city_form(city, published="on", expected_version=city.version)
    )
    assert City.objects.get(pk=city.pk).published
    assert "Veröffentlicht" in audit_messages(city)


def test_lead_deletes_and_the_deletion_is_audited(leitung_client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    url = reverse("admin:news_article_delete", args=[article.pk])
    assert leitung_client.post(url, {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert LogEntry.objects.filter(object_id=article.pk, action_flag=DELETION).exists()


def test_role_changes_appear_in_the_audit_trail(admin_client):
    user = UserFactory(is_staff=True)
    group = Group.objects.create(name="Redaktion")
    response = admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        {
            "username": user.username,
            "email": user.email,
            "is_active": "on",
            "is_staff": "on",
            "groups": [group.pk],
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    # Django stores the field's English label in the change message.
    assert any("groups" in message.lower() for message in audit_messages(user))


def test_audit_trail_is_readable_and_not_editable(leitung_client):
    article = ArticleFactory(status=Article.Status.REVIEW)
    leitung_client.post(
        change_url(article), article_form(article, status=Article.Status.PUBLISHED)
    )
    entry = LogEntry.objects.latest("action_time")
    response = leitung_client.get("/admin/admin/logentry/")
    assert response.status_code == 200
    assert "Veröffentlicht" in response.content.decode()
    detail = leitung_client.get(f"/admin/admin/logentry/{entry.pk}/change/")
    assert detail.status_code == 200
    assert not detail.context["has_change_permission"]
    assert leitung_client.post(f"/admin/admin/logentry/{entry.pk}/delete/").status_code == 403


# --- Transitions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "can_publish", "allowed"),
    [
        ("entwurf", False, {"entwurf", "pruefung"}),
        ("pruefung", False, {"entwurf", "pruefung"}),
        ("veroeffentlicht", False, {"veroeffentlicht"}),
        ("zurueckgezogen", False, {"zurueckgezogen"}),
        ("entwurf", True, {"entwurf", "pruefung", "veroeffentlicht"}),
        ("pruefung", True, {"entwurf", "pruefung", "veroeffentlicht"}),
        ("veroeffentlicht", True, {"veroeffentlicht", "zurueckgezogen", "entwurf"}),
        ("zurueckgezogen", True, {"zurueckgezogen", "entwurf", "veroeffentlicht"}),
    ],
)
def test_allowed_status_transitions(current, can_publish, allowed):
    article = ArticleFactory(status=current)
    assert article.allowed_statuses(can_publish) == allowed


def test_a_new_article_starts_as_a_draft_for_editors():
    assert Article().allowed_statuses(False) == {"entwurf", "pruefung"}


# --- Start page ----------------------------------------------------------


def test_start_page_shows_what_waits_for_the_editor(redakteur_client, redakteur):
    ArticleFactory(title="Mein Entwurf", status=Article.Status.DRAFT, created_by=redakteur)
    ArticleFactory(title="Fremder Entwurf", status=Article.Status.DRAFT)
    ArticleFactory(title="Zu prüfen", status=Article.Status.REVIEW)
    ArticleFactory(title="Geplant", publish_at=timezone.now() + timedelta(days=2))
    ArticleFactory(title="Erschienen")

    response = redakteur_client.get("/admin/")

    worklists = {
        w["title"]: [item["object"].title for item in w["items"]]
        for w in response.context["worklists"]
    }
    assert worklists == {
        "Meine Entwürfe": ["Mein Entwurf"],
        "Warten auf Prüfung": ["Zu prüfen"],
        "Geplant": ["Geplant"],
        "Kürzlich veröffentlicht": ["Erschienen"],
    }
    assert "Was auf Sie wartet" in response.content.decode()


def test_start_page_shows_the_lead_comment_of_a_draft_sent_back(redakteur_client, redakteur):
    ArticleFactory(
        status=Article.Status.DRAFT, created_by=redakteur, review_comment="Quelle fehlt."
    )
    # Sent for review again: the old comment is no longer news.
    ArticleFactory(status=Article.Status.REVIEW, review_comment="Erledigter Hinweis.")
    html = redakteur_client.get("/admin/").content.decode()
    assert "Anmerkung: Quelle fehlt." in html
    assert "Erledigter Hinweis" not in html


def test_start_page_has_no_worklists_for_staff_without_article_rights(
    client, staff_without_rights
):
    client.force_login(staff_without_rights)
    assert client.get("/admin/").context["worklists"] == []
