"""Workflow e-mails: who is told what, posted through the admin as a browser does."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation
from post_office.models import STATUS, Email

from core import notifications
from core.models import NotificationSetting
from news.models import Article, LegacyRedirect
from tests.admin_forms import AdminForm, change_form
from tests.conftest import logged_in, member_of
from tests.factories import ArticleFactory, CityFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://partnerschaften.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Städtepartnerschaften"


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def post_change_form(client, obj, capture, **changes):
    """Opens the change form, changes fields as a person would, saves, runs after-commit work."""
    page = client.get(change_url(obj))
    assert page.status_code == 200
    with capture(execute=True):
        response = client.post(change_url(obj), change_form(page).data(**changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def draft(redakteur):
    return ArticleFactory(
        title="Jugendaustausch mit Sheffield",
        status=Article.Status.DRAFT,
        created_by=redakteur,
        publish_at=timezone.now() - timedelta(hours=1),
    )


# --- Submitted for review ------------------------------------------------


def test_submitting_mails_each_lead_but_not_editors_the_actor_or_who_opted_out(
    redakteur_client, redakteur, leitung, draft, mailoutbox, django_capture_on_commit_callbacks
):
    member_of("Redaktion", "kollegin")
    quiet = member_of("Redaktionsleitung", "leitung-ohne-mail")
    NotificationSetting.objects.create(user=quiet, editorial=False)
    former = member_of("Redaktionsleitung", "ehemalig")
    former.is_active = False
    former.save()
    without_address = member_of("Redaktionsleitung", "ohne-adresse")
    without_address.email = ""
    without_address.save()
    second_lead = member_of("Redaktionsleitung", "leitung2")

    post_change_form(
        redakteur_client, draft, django_capture_on_commit_callbacks, status=Article.Status.REVIEW
    )

    assert recipients(mailoutbox) == sorted([leitung.email, second_lead.email])
    message = mailoutbox[0]
    assert message.subject == (
        "[Städtepartnerschaften] Zur Prüfung: Beitrag „Jugendaustausch mit Sheffield“"
    )
    assert "redakteur hat etwas zur Prüfung eingereicht" in message.body
    assert "Beitrag: Jugendaustausch mit Sheffield" in message.body
    assert f"{SITE}/admin/news/article/{draft.pk}/change/" in message.body
    assert f"{SITE}/admin/benachrichtigungen/" in message.body
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_each_lead_gets_a_message_of_their_own(
    redakteur_client, leitung, draft, mailoutbox, django_capture_on_commit_callbacks
):
    member_of("Redaktionsleitung", "leitung2")

    post_change_form(
        redakteur_client, draft, django_capture_on_commit_callbacks, status=Article.Status.REVIEW
    )

    assert [len(message.to) for message in mailoutbox] == [1, 1]
    assert "Guten Tag leitung," in mailoutbox[0].body
    assert "Guten Tag leitung2," in mailoutbox[1].body


def test_a_full_name_is_used_where_the_account_has_one(
    redakteur_client, redakteur, leitung, draft, mailoutbox, django_capture_on_commit_callbacks
):
    redakteur.first_name, redakteur.last_name = "Jana", "Schäfer"
    redakteur.save()

    post_change_form(
        redakteur_client, draft, django_capture_on_commit_callbacks, status=Article.Status.REVIEW
    )

    assert "Jana Schäfer hat etwas zur Prüfung eingereicht" in mailoutbox[0].body


def test_saving_a_draft_again_mails_nobody(
    redakteur_client, leitung, draft, mailoutbox, django_capture_on_commit_callbacks
):
    post_change_form(
        redakteur_client, draft, django_capture_on_commit_callbacks, title="Neuer Titel"
    )

    assert mailoutbox == []
    assert not Email.objects.exists()


def test_an_editor_taking_back_a_submission_mails_nobody(
    redakteur_client, redakteur, leitung, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = ArticleFactory(status=Article.Status.REVIEW, created_by=redakteur)

    post_change_form(
        redakteur_client, waiting, django_capture_on_commit_callbacks, status=Article.Status.DRAFT
    )

    assert mailoutbox == []


# --- Published, scheduled, sent back --------------------------------------


@pytest.fixture
def waiting(redakteur):
    return ArticleFactory(
        title="Partnerschaftsjubiläum",
        status=Article.Status.REVIEW,
        created_by=redakteur,
        publish_at=timezone.now() - timedelta(hours=1),
    )


def test_publishing_from_the_form_mails_the_author(
    leitung_client, redakteur, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    post_change_form(
        leitung_client,
        waiting,
        django_capture_on_commit_callbacks,
        status=Article.Status.PUBLISHED,
    )

    assert recipients(mailoutbox) == [redakteur.email]
    message = mailoutbox[0]
    assert message.subject == (
        "[Städtepartnerschaften] Veröffentlicht: Beitrag „Partnerschaftsjubiläum“"
    )
    assert "leitung hat veröffentlicht" in message.body
    assert f"Adresse auf der Website: {SITE}/aktuelles/{waiting.slug}/" in message.body


def test_scheduling_tells_the_author_when_it_appears(
    leitung_client, redakteur, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    post_change_form(
        leitung_client,
        waiting,
        django_capture_on_commit_callbacks,
        status=Article.Status.PUBLISHED,
        publish_at_0="24.12.2099",
        publish_at_1="10:00:00",
    )

    message = mailoutbox[0]
    assert message.subject.startswith("[Städtepartnerschaften] Veröffentlichung geplant:")
    assert "sie erfolgt am 24. Dezember 2099 10:00" in message.body


def test_sending_back_mails_the_author_the_leads_comment(
    leitung_client, redakteur, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    comment = "Bitte Quelle & Fotografin nennen, <dann> passt es."

    post_change_form(
        leitung_client,
        waiting,
        django_capture_on_commit_callbacks,
        status=Article.Status.DRAFT,
        review_comment=comment,
    )

    assert recipients(mailoutbox) == [redakteur.email]
    message = mailoutbox[0]
    assert message.subject == (
        "[Städtepartnerschaften] Zurück an die Redaktion: Beitrag „Partnerschaftsjubiläum“"
    )
    assert f"Anmerkung der Redaktionsleitung:\n{comment}\n" in message.body
    assert f"{SITE}/admin/news/article/{waiting.pk}/change/" in message.body


def test_publishing_with_the_list_action_mails_the_author(
    leitung_client, redakteur, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = leitung_client.post(
            reverse("admin:news_article_changelist"),
            {"action": "publish", "_selected_action": [waiting.pk]},
        )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Article.Status.PUBLISHED
    assert recipients(mailoutbox) == [redakteur.email]
    assert mailoutbox[0].subject.startswith("[Städtepartnerschaften] Veröffentlicht:")


def test_an_author_who_switched_mails_off_gets_none(
    leitung_client, redakteur, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(user=redakteur, editorial=False)

    post_change_form(
        leitung_client,
        waiting,
        django_capture_on_commit_callbacks,
        status=Article.Status.PUBLISHED,
    )

    assert mailoutbox == []


def test_a_lead_publishing_their_own_article_gets_no_mail(
    leitung_client, leitung, mailoutbox, django_capture_on_commit_callbacks
):
    own = ArticleFactory(status=Article.Status.DRAFT, created_by=leitung)

    post_change_form(
        leitung_client, own, django_capture_on_commit_callbacks, status=Article.Status.PUBLISHED
    )

    assert mailoutbox == []


def test_mails_are_german_in_a_command_too(redakteur, leitung):
    article = ArticleFactory(
        created_by=redakteur, publish_at=datetime(2099, 12, 24, 9, tzinfo=UTC)
    )

    with translation.override("en"):
        notifications.published(article, author=redakteur, by=leitung, when=article.publish_at)

    assert "sie erfolgt am 24. Dezember 2099 10:00" in Email.objects.get().message


# --- Any model ------------------------------------------------------------


def test_any_model_with_a_publishing_admin_notifies_its_leads(
    redakteur, leitung, mailoutbox, django_capture_on_commit_callbacks
):
    city = CityFactory(name="Sheffield", published=False)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.submitted(city, by=redakteur)

    assert recipients(mailoutbox) == [leitung.email]
    assert "Stadt: Sheffield" in mailoutbox[0].body
    assert f"{SITE}/admin/cities/city/{city.pk}/change/" in mailoutbox[0].body


def test_a_model_without_publish_permission_needs_one_named(redakteur, leitung, mailoutbox):
    redirect = LegacyRedirect.objects.create(old_path="/?p=1", new_path="/aktuelles/")

    with pytest.raises(ImproperlyConfigured):
        notifications.submitted(redirect, by=redakteur)
    notifications.submitted(
        redirect, by=redakteur, permission="news.publish_article", url="/admin/pruefen/7/"
    )

    assert Email.objects.get().message.count(f"{SITE}/admin/pruefen/7/") == 1


def test_titles_are_sent_as_written_not_as_template_code(
    redakteur, leitung, mailoutbox, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="{% now 'Y' %} & {{ secret }} <b>", created_by=redakteur)

    with django_capture_on_commit_callbacks(execute=True):
        notifications.submitted(article, by=redakteur)

    assert mailoutbox[0].subject.endswith("„{% now 'Y' %} & {{ secret }} <b>“")
    assert "Beitrag: {% now 'Y' %} & {{ secret }} <b>" in mailoutbox[0].body


def test_links_use_the_first_allowed_host_without_site_url(settings, redakteur, leitung):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = [".example.org", "partnerschaften.example.org"]
    settings.HTTPS = True

    notifications.submitted(ArticleFactory(), by=redakteur)

    assert "https://partnerschaften.example.org/admin/news/article/" in Email.objects.get().message


# --- Switching them off ---------------------------------------------------


def test_an_editor_without_rights_on_accounts_switches_mails_off_and_on(
    redakteur_client, redakteur
):
    assert not redakteur.has_perm("auth.change_user")
    index = redakteur_client.get(reverse("admin:index"))
    url = reverse("admin:notification_settings")
    assert f'href="{url}"' in index.content.decode()

    page = redakteur_client.get(url)
    assert page.status_code == 200
    assert f"Die E-Mails gehen an {redakteur.email}." in page.content.decode()
    form = AdminForm(page.content.decode(), "notification_settings_form")
    assert ("editorial", "on") in form.fields
    # Unticking the box: the browser sends no value for it.
    off = {name: value for name, value in form.data().items() if name != "editorial"}
    assert redakteur_client.post(url, off).status_code == 302
    assert NotificationSetting.objects.get(user=redakteur).editorial is False

    page = redakteur_client.get(url)
    form = AdminForm(page.content.decode(), "notification_settings_form")
    assert ("editorial", "on") not in form.fields
    assert redakteur_client.post(url, form.data(editorial="on")).status_code == 302
    assert NotificationSetting.objects.get(user=redakteur).editorial is True


def test_the_settings_page_says_when_an_account_has_no_address(db):
    user = UserFactory(is_staff=True, email="")

    page = logged_in(user).get(reverse("admin:notification_settings"))

    assert "keine E-Mail-Adresse eingetragen" in page.content.decode()


def test_the_settings_page_is_for_staff_only(client, db):
    client.force_login(UserFactory(is_staff=False))

    response = client.get(reverse("admin:notification_settings"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
