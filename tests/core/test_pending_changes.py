"""
Editors change live content through review: a pending change, which the
lead publishes or sends back. Forms are posted as the admin renders them.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from cities.models import City
from core.pending import PendingChange, changed_names
from news.models import Article
from partnership.models import Agreement, Partnership
from tests.admin_forms import change_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


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
    page = client.get(change_url(obj))
    assert page.status_code == 200
    form = change_form(page)
    assert "_save" in form.submits, "the editor gets an editable form"
    return client.post(change_url(obj), form.data(_save="Sichern", **changes))


def live_article():
    return Article.objects.published().exclude(image="").first()


def test_an_editors_save_of_a_live_article_waits_for_review(demo, redakteur_client):
    article = live_article()
    body = article.body

    response = post_changed(redakteur_client, article, body="<p>Neuer Text.</p>")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body
    pending = PendingChange.objects.for_object(article)
    assert pending.state == PendingChange.State.REVIEW
    assert pending.proposal["fields"]["body"] == "<p>Neuer Text.</p>"
    assert pending.author.username == "redakteur"
    public = redakteur_client.get(article.get_absolute_url()).content.decode()
    assert "Neuer Text." not in public


def test_the_form_shows_the_proposal_to_the_next_editor(demo, redakteur_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Vorgeschlagener Titel")

    page = redakteur_client.get(change_url(article))

    assert change_form(page).data()["title_de"] == ["Vorgeschlagener Titel"]
    assert "in Prüfung" in page.content.decode()
    assert Article.objects.get(pk=article.pk).title != "Vorgeschlagener Titel"


def test_a_second_save_of_the_proposal_updates_it(demo, redakteur_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Erster Vorschlag")
    post_changed(redakteur_client, article, title="Zweiter Vorschlag")

    pending = PendingChange.objects.get()
    assert pending.proposal["fields"]["title"] == "Zweiter Vorschlag"
    assert pending.version == 2


def test_two_editors_saving_one_proposal_get_the_conflict_message(
    demo, redakteur_client, redakteur
):
    from tests.conftest import logged_in, member_of

    other = logged_in(member_of("Redaktion", "zweite"))
    article = live_article()
    first_form = change_form(redakteur_client.get(change_url(article)))
    post_changed(other, article, title="Von der zweiten Redakteurin")

    response = redakteur_client.post(
        change_url(article), first_form.data(_save="Sichern", title="Von der ersten")
    )

    assert response.status_code == 200
    assert "während Sie sie bearbeitet haben" in response.content.decode()
    assert PendingChange.objects.get().proposal["fields"]["title"] == "Von der zweiten Redakteurin"


def test_the_lead_publishes_the_proposal(demo, redakteur_client, leitung_client):
    article = live_article()
    post_changed(redakteur_client, article, body="<p>Korrigiert.</p>")

    review = leitung_client.get(pending_url(article))
    assert review.status_code == 200
    assert "Korrigiert." in review.content.decode()

    response = leitung_client.post(pending_url(article), {"_publish": "1", "comment": ""})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>Korrigiert.</p>"
    assert article.image, "the image stays"
    assert not PendingChange.objects.exists()
    assert article.history.first().history_user.username == "leitung"


def test_the_lead_sends_a_proposal_back_with_a_comment(demo, redakteur_client, leitung_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Zu kurz")

    without = leitung_client.post(pending_url(article), {"_send_back": "1", "comment": ""})
    assert without.status_code == 200
    assert PendingChange.objects.get().state == PendingChange.State.REVIEW

    leitung_client.post(pending_url(article), {"_send_back": "1", "comment": "Bitte länger."})

    pending = PendingChange.objects.get()
    assert pending.state == PendingChange.State.RETURNED
    page = redakteur_client.get(change_url(article)).content.decode()
    assert "Bitte länger." in page


def test_editors_cannot_publish_a_proposal(demo, redakteur_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Selbst freigeben?")

    response = redakteur_client.post(pending_url(article), {"_publish": "1"})

    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title != "Selbst freigeben?"


def test_approving_keeps_later_live_changes_to_other_fields(
    demo, redakteur_client, leitung_client
):
    article = live_article()
    post_changed(redakteur_client, article, title="Neuer Titel")
    post_changed(leitung_client, article, byline="Von der Leitung")

    leitung_client.post(pending_url(article), {"_publish": "1"})

    article.refresh_from_db()
    assert (article.title, article.byline) == ("Neuer Titel", "Von der Leitung")


def test_a_clash_with_a_later_live_change_needs_confirmation(
    demo, redakteur_client, leitung_client
):
    article = live_article()
    post_changed(redakteur_client, article, title="Titel der Redaktion")
    post_changed(leitung_client, article, title="Titel der Leitung")

    review = leitung_client.get(pending_url(article)).content.decode()
    assert "Titel der Leitung" in review and "Titel der Redaktion" in review
    refused = leitung_client.post(pending_url(article), {"_publish": "1"})
    assert refused.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Titel der Leitung"

    leitung_client.post(pending_url(article), {"_publish": "1", "confirm_overwrite": "on"})
    assert Article.objects.get(pk=article.pk).title == "Titel der Redaktion"


def test_an_agreement_added_to_a_live_partnership_waits_for_review(
    demo, redakteur_client, leitung_client
):
    partnership = Partnership.objects.filter(published=True).first()
    before = Agreement.objects.filter(partnership=partnership).count()
    page = redakteur_client.get(change_url(partnership))
    form = change_form(page)
    prefix = "agreements"
    data = form.data(_save="Sichern")
    total = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(total + 1)]
    data.update(
        {
            f"{prefix}-{total}-title_de": ["Neue Vereinbarung"],
            f"{prefix}-{total}-signed_on": ["01.02.2024"],
        }
    )

    response = redakteur_client.post(change_url(partnership), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Agreement.objects.filter(partnership=partnership).count() == before
    leitung_client.post(pending_url(partnership), {"_publish": "1"})
    assert Agreement.objects.filter(partnership=partnership, title="Neue Vereinbarung").exists()


def test_an_agreement_proposed_for_a_partnership_shows_in_its_preview_only(
    demo, redakteur_client, client
):
    """The page reads its agreements itself, inside the preview's rolled-back proposal."""
    partnership = Partnership.objects.filter(published=True).first()
    form = change_form(redakteur_client.get(change_url(partnership)))
    data = form.data(_save="Sichern")
    total = int(data["agreements-TOTAL_FORMS"][0])
    data["agreements-TOTAL_FORMS"] = [str(total + 1)]
    data[f"agreements-{total}-title_de"] = ["Vorgeschlagene Urkunde"]
    data[f"agreements-{total}-signed_on"] = ["01.02.2024"]
    assert redakteur_client.post(change_url(partnership), data).status_code == 302

    url = partnership.get_absolute_url()
    assert "Vorgeschlagene Urkunde" in redakteur_client.get(url + "?aenderung").content.decode()
    assert "Vorgeschlagene Urkunde" not in client.get(url).content.decode()


def test_a_proposal_is_previewed_at_the_public_address(demo, redakteur_client, client):
    article = live_article()
    post_changed(redakteur_client, article, title="Titel in Prüfung")

    preview = redakteur_client.get(article.get_absolute_url() + "?aenderung")
    public = client.get(article.get_absolute_url() + "?aenderung")

    assert "Titel in Prüfung" in preview.content.decode()
    assert "Änderung in Prüfung" in preview.content.decode()
    assert "Titel in Prüfung" not in public.content.decode()
    assert Article.objects.get(pk=article.pk).title != "Titel in Prüfung"


def test_a_withdrawn_proposal_is_gone(demo, redakteur_client):
    city = City.objects.published().partners().first()
    post_changed(redakteur_client, city, summary="Vorschlag")
    withdraw = reverse("admin:cities_city_pending_withdraw", args=[city.pk])

    redakteur_client.post(withdraw)

    assert not PendingChange.objects.exists()


def test_a_draft_article_is_saved_directly_by_editors(redakteur_client, redakteur):
    article = ArticleFactory(status=Article.Status.DRAFT, created_by=redakteur)

    post_changed(redakteur_client, article, title="Direkt gespeichert")

    assert Article.objects.get(pk=article.pk).title == "Direkt gespeichert"
    assert not PendingChange.objects.exists()


def test_the_start_page_lists_changes_in_review(demo, redakteur_client, leitung_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Titel in Prüfung")

    html = leitung_client.get("/admin/").content.decode()

    assert "Änderungen an veröffentlichten Inhalten" in html
    assert pending_url(article) in html


def test_leads_hear_of_a_proposal_and_the_author_of_the_decision(
    demo,
    redakteur_client,
    leitung_client,
    redakteur,
    leitung,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from tests.factories import UserFactory

    redakteur.email, leitung.email = "redakteur@example.org", "leitung@example.org"
    redakteur.save()
    leitung.save()
    UserFactory(is_superuser=True, is_staff=True, is_active=False)
    article = live_article()

    with django_capture_on_commit_callbacks(execute=True):
        post_changed(redakteur_client, article, title="Neu")
    assert [mail.to for mail in mailoutbox] == [["leitung@example.org"]]
    assert pending_url(article) in mailoutbox[0].body
    assert "Änderung zur Prüfung" in mailoutbox[0].subject
    assert "schlägt eine Änderung an einem veröffentlichten Inhalt vor" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        leitung_client.post(pending_url(article), {"_send_back": "1", "comment": "Quelle?"})
    assert mailoutbox[-1].to == ["redakteur@example.org"]
    assert "Quelle?" in mailoutbox[-1].body
    assert "Ihre vorgeschlagene Änderung" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        post_changed(redakteur_client, article, title="Neu, mit Quelle")
        leitung_client.post(pending_url(article), {"_publish": "1"})
    assert mailoutbox[-1].to == ["redakteur@example.org"]
    assert "Änderung veröffentlicht" in mailoutbox[-1].subject
    assert "hat Ihre Änderung veröffentlicht" in mailoutbox[-1].body


def test_a_new_image_in_a_proposal_goes_live_on_approval(demo, redakteur_client, leitung_client):
    from tests.factories import image_upload

    article = live_article()
    old_image = article.image.name
    page = redakteur_client.get(change_url(article))
    data = change_form(page).data(_save="Sichern", image_alt="Neues Foto vom Rathaus")
    data["image"] = image_upload()

    assert redakteur_client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).image.name == old_image
    proposed = PendingChange.objects.get().proposal["fields"]["image"]
    assert proposed != old_image
    assert article.image.storage.exists(proposed)

    leitung_client.post(pending_url(article), {"_publish": "1"})

    article.refresh_from_db()
    assert article.image.name == proposed
    assert article.image_alt == "Neues Foto vom Rathaus"


def test_deleting_live_content_discards_its_proposal(demo, redakteur_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Vorschlag")

    article.delete()

    assert not PendingChange.objects.exists()


def test_a_shared_preview_link_shows_the_proposal(demo, redakteur_client, client):
    from news.models import PreviewLink

    article = live_article()
    post_changed(redakteur_client, article, title="Titel für den Bürgermeister")
    link, token = PreviewLink.objects.create_with_token(article=article)

    html = client.get(link.url(token)).content.decode()

    assert "Titel für den Bürgermeister" in html
    assert "Vorschau – Änderung in Prüfung" in html
    assert (
        "Titel für den Bürgermeister"
        not in client.get(article.get_absolute_url()).content.decode()
    )


def test_line_breaks_the_editor_adds_between_blocks_are_no_change(demo, redakteur_client):
    article = live_article()
    body = article.body.replace("</p><", "</p>\n\n<")
    assert body != article.body

    post_changed(redakteur_client, article, body=body, title="Nur der Titel")

    pending = PendingChange.objects.get()
    fields, _inlines = changed_names(Article, pending.proposal, pending.base)
    assert fields == {"title_de"}


def test_the_editor_is_told_that_the_change_waits_for_review(demo, redakteur_client):
    article = live_article()

    response = post_changed(redakteur_client, article, body="<p>Neuer Text.</p>")

    page = redakteur_client.get(response.url)
    assert "wartet auf Prüfung durch die Redaktionsleitung" in page.content.decode()


def test_the_review_lists_only_what_the_proposal_changes(demo, redakteur_client, leitung_client):
    article = live_article()
    post_changed(redakteur_client, article, title="Titel der Redaktion")
    post_changed(leitung_client, article, byline="Von der Leitung", title="Titel der Leitung")

    review = leitung_client.get(pending_url(article))

    rows = [str(change.label) for change in review.context["proposed_changes"]]
    assert rows == ["Titel [Deutsch]"]
    assert "Beide Seiten haben dasselbe geändert: Titel [Deutsch]." in review.content.decode()


def test_rows_of_a_proposal_link_to_no_page_of_their_own(demo, redakteur_client):
    partnership = Partnership.objects.filter(published=True, agreements__isnull=False).first()
    post_changed(redakteur_client, partnership, summary="Vorgeschlagen")

    html = redakteur_client.get(change_url(partnership)).content.decode()

    assert "inlinechangelink" not in html
