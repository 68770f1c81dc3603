"""
Free content pages: addresses from the tree in every language, the words the
site keeps for itself, redirects after a move, and the editorial workflow.
Forms are posted as the admin renders them.
"""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from core.pending import PendingChange
from core.translation import State
from partnership.site.models import Page, PageRedirect
from partnership.site.page_cache import seconds_until_next_change
from tests.admin_forms import change_form
from tests.factories import image_upload
from tests.test_migrations import latest, migrate

pytestmark = pytest.mark.django_db


def make_page(title, parent=None, **fields):
    fields.setdefault("status", Page.Status.PUBLISHED)
    fields.setdefault("body", f"<p>Über {title}.</p>")
    return Page.objects.create(title=title, parent=parent, **fields)


def translate(page, language="en", **texts):
    """Complete the translation; the slug is made from the translated title."""
    texts.setdefault("slug", "")
    for name, text in texts.items():
        setattr(page, f"{name}_{language}", text)
    setattr(page, f"translation_state_{language}", State.COMPLETE)
    page.save()


def change_url(page):
    return reverse("admin:site_page_change", args=[page.pk])


def post_changed(client, page, **changes):
    response = client.get(change_url(page))
    assert response.status_code == 200
    form = change_form(response)
    assert "_save" in form.submits, "the form can be saved"
    return client.post(change_url(page), form.data(_save="Sichern", **changes))


def breadcrumb_links(html):
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


# --- Addresses --------------------------------------------------------------


def test_a_page_and_its_child_have_addresses_from_the_tree(client):
    funding = make_page("Fördermöglichkeiten")
    exchange = make_page("Schüleraustausch", parent=funding)

    assert funding.get_absolute_url() == "/foerdermoeglichkeiten/"
    assert exchange.get_absolute_url() == "/foerdermoeglichkeiten/schueleraustausch/"
    response = client.get("/foerdermoeglichkeiten/schueleraustausch/")
    assert response.status_code == 200
    assert "Über Schüleraustausch." in response.content.decode()


def test_a_child_is_not_found_at_the_top_or_under_another_page(client):
    funding = make_page("Fördermöglichkeiten")
    make_page("Schüleraustausch", parent=funding)
    make_page("Kontakt")

    assert client.get("/schueleraustausch/").status_code == 404
    assert client.get("/kontakt/schueleraustausch/").status_code == 404


def test_a_draft_page_is_not_public_and_a_published_one_is(client):
    make_page("Kontakt", status=Page.Status.DRAFT)
    assert client.get("/kontakt/").status_code == 404
    Page.objects.update(status=Page.Status.PUBLISHED)
    assert client.get("/kontakt/").status_code == 200


def test_editors_preview_a_draft_with_a_banner_and_noindex(client, redakteur_client):
    make_page("Kontakt", status=Page.Status.DRAFT)

    response = redakteur_client.get("/kontakt/")

    assert response.status_code == 200
    assert "Vorschau – Entwurf" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get("/kontakt/").status_code == 404


def test_each_language_has_the_page_at_its_translated_path(client):
    funding = make_page("Fördermöglichkeiten")
    exchange = make_page("Schüleraustausch", parent=funding)
    translate(funding, title="Funding")
    translate(exchange, title="School exchange")
    exchange.refresh_from_db()

    with translation.override("en"):
        assert exchange.get_absolute_url() == "/en/funding/school-exchange/"
    response = client.get("/en/funding/school-exchange/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>School exchange</h1>" in html
    # The language switcher leads to the German page, not to a German path under /en/.
    assert 'href="/foerdermoeglichkeiten/schueleraustausch/"' in html
    # Until translated, the page's English slugs were made from the German title.
    old = client.get("/en/foerdermoeglichkeiten/schueleraustausch/")
    assert (old.status_code, old["Location"]) == (301, "/en/funding/school-exchange/")


def test_an_untranslated_page_is_not_shown_in_another_language(client):
    make_page("Kontakt")
    assert client.get("/kontakt/").status_code == 200
    assert client.get("/en/kontakt/").status_code == 404


def test_a_file_name_is_never_taken_for_a_page(client):
    """Addresses with a dot stay 404s and get no slash appended."""
    make_page("Kontakt")
    assert client.get("/kontakt.php").status_code == 404


# --- The words the site keeps -------------------------------------------------


@pytest.mark.parametrize("slug", ["aktuelles", "mitmachen", "impressum", "admin", "en", "media"])
def test_a_top_level_page_may_not_take_a_word_of_the_site(slug):
    page = Page(title="Seite", slug=slug, body="<p>Text</p>")
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "slug_de" in raised.value.message_dict


def test_a_translated_slug_may_not_take_a_word_of_that_language():
    page = make_page("Nachrichten")
    page.slug_en = "news"
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    assert "slug_en" in raised.value.message_dict


def test_below_another_page_the_words_of_the_site_are_free():
    parent = make_page("Fördermöglichkeiten")
    page = Page(title="Aktuelles", slug="aktuelles", body="<p>Text</p>", parent=parent)
    page.full_clean()


def test_a_title_that_is_a_word_of_the_site_gets_a_free_slug():
    assert make_page("Mitmachen").slug == "mitmachen-2"


def test_the_admin_refuses_a_reserved_slug_as_a_form_error(leitung_client):
    response = leitung_client.post(
        reverse("admin:site_page_add"),
        {"title_de": "Mitmachen", "slug_de": "mitmachen", "body_de": "<p>Text</p>"},
    )
    assert response.status_code == 200
    assert "ist eine Adresse der Website" in str(response.context["adminform"].form.errors)
    assert not Page.objects.exists()


def test_a_page_cannot_be_moved_below_itself():
    top = make_page("Oben")
    below = make_page("Unten", parent=top)
    top.parent = below
    with pytest.raises(ValidationError) as raised:
        top.full_clean()
    assert "parent" in raised.value.message_dict


# --- Moves --------------------------------------------------------------------


def test_moving_a_page_redirects_its_old_addresses_and_those_below(client):
    funding = make_page("Fördermöglichkeiten")
    exchange = make_page("Schüleraustausch", parent=funding)
    trip = make_page("Reiseplanung", parent=exchange)

    funding.slug = "foerderung"
    funding.save()

    assert client.get("/foerderung/schueleraustausch/reiseplanung/").status_code == 200
    for old, new in [
        ("/foerdermoeglichkeiten/", "/foerderung/"),
        ("/foerdermoeglichkeiten/schueleraustausch/", "/foerderung/schueleraustausch/"),
        (
            "/foerdermoeglichkeiten/schueleraustausch/reiseplanung/",
            "/foerderung/schueleraustausch/reiseplanung/",
        ),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    trip.refresh_from_db()
    assert trip.paths["de"] == "foerderung/schueleraustausch/reiseplanung"


def test_a_page_given_a_new_parent_redirects_in_every_language(client):
    funding = make_page("Fördermöglichkeiten")
    contact = make_page("Kontakt")
    exchange = make_page("Schüleraustausch", parent=funding)
    translate(funding, title="Funding")
    translate(contact, title="Contact")
    translate(exchange, title="School exchange")

    exchange.parent = contact
    exchange.save()

    response = client.get("/en/funding/school-exchange/")
    assert (response.status_code, response["Location"]) == (301, "/en/contact/school-exchange/")
    response = client.get("/foerdermoeglichkeiten/schueleraustausch/")
    assert response["Location"] == "/kontakt/schueleraustausch/"


def test_an_old_address_taken_by_another_page_shows_that_page(client):
    old = make_page("Kontakt")
    old.slug = "kontakt-alt"
    old.save()
    make_page("Kontakt")

    assert client.get("/kontakt/").status_code == 200
    assert not PageRedirect.objects.filter(old_path="kontakt").exists()


def test_an_old_address_of_a_withdrawn_page_is_a_404(client):
    page = make_page("Kontakt")
    page.slug = "kontakt-neu"
    page.status = Page.Status.WITHDRAWN
    page.save()
    assert client.get("/kontakt/").status_code == 404


def test_an_imported_page_keeps_its_old_address(client):
    """What the WordPress import needs: a page in the tree and its permalink."""
    parent = make_page("Fördermöglichkeiten")
    page = Page.objects.create(
        title="Schüleraustausch",
        slug="",
        body="<p>Text</p>",
        parent=parent,
        status=Page.Status.PUBLISHED,
    )
    page.keep_address("/ueber-uns/schueleraustausch/")

    response = client.get("/ueber-uns/schueleraustausch/")

    assert (response.status_code, response["Location"]) == (
        301,
        "/foerdermoeglichkeiten/schueleraustausch/",
    )


# --- Page, breadcrumbs, menus -----------------------------------------------


def test_breadcrumbs_show_the_section_and_the_pages_above(client):
    funding = make_page("Fördermöglichkeiten", section=Page.Section.PARTICIPATE)
    make_page("Schüleraustausch", parent=funding, section=Page.Section.PARTICIPATE)

    html = client.get("/foerdermoeglichkeiten/schueleraustausch/").content.decode()

    assert breadcrumb_links(html) == [
        ("/", "Startseite"),
        ("/mitmachen/", "Mitmachen"),
        ("/foerdermoeglichkeiten/", "Fördermöglichkeiten"),
    ]
    data = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    (crumbs,) = [block for block in data if block["@type"] == "BreadcrumbList"]
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Startseite",
        "Mitmachen",
        "Fördermöglichkeiten",
        "Schüleraustausch",
    ]


def test_a_page_links_its_published_subpages(client):
    funding = make_page("Fördermöglichkeiten")
    make_page("Schüleraustausch", parent=funding)
    make_page("Jugendfahrten", parent=funding, status=Page.Status.DRAFT)

    html = client.get("/foerdermoeglichkeiten/").content.decode()

    assert '<a href="/foerdermoeglichkeiten/schueleraustausch/">Schüleraustausch</a>' in html
    assert "jugendfahrten" not in html


def test_a_draft_parent_is_left_out_of_the_breadcrumbs(client):
    funding = make_page("Fördermöglichkeiten", status=Page.Status.DRAFT)
    make_page("Schüleraustausch", parent=funding)

    html = client.get("/foerdermoeglichkeiten/schueleraustausch/").content.decode()

    assert breadcrumb_links(html) == [("/", "Startseite")]


def test_menus_show_the_published_pages_placed_in_them(client):
    make_page("Partnerschaftsvereine", menu=Page.Menu.MAIN)
    make_page("Kontakt", menu=Page.Menu.FOOTER)
    make_page("Entwurf", menu=Page.Menu.MAIN, status=Page.Status.DRAFT)
    make_page("Nirgends")

    html = client.get("/").content.decode()
    main = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)

    assert 'href="/partnerschaftsvereine/"' in main
    assert 'href="/kontakt/"' not in main
    assert 'href="/kontakt/"' in footer
    assert "Entwurf" not in html
    assert "/nirgends/" not in html


def test_the_menu_marks_the_page_shown(client):
    make_page("Kontakt", menu=Page.Menu.FOOTER)
    html = client.get("/kontakt/").content.decode()
    assert '<a href="/kontakt/" aria-current="page">Kontakt</a>' in html


def test_a_saved_page_shows_at_once_on_every_cached_page(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    cache.clear()
    page = make_page("Kontakt", menu=Page.Menu.FOOTER)
    assert client.get("/kontakt/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"
    page.title = "Ansprechpartner"
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    assert "<h1>Ansprechpartner</h1>" in client.get("/kontakt/").content.decode().replace(
        "\u00ad", ""
    )
    assert ">Ansprechpartner</a>" in client.get("/").content.decode()
    cache.clear()


def test_page_query_count(client, django_assert_num_queries):
    funding = make_page("Fördermöglichkeiten", menu=Page.Menu.MAIN)
    exchange = make_page("Schüleraustausch", parent=funding)
    # The menus come with the site state, read once per content version.
    client.get("/")
    # The page, the published pages above it and below it.
    with django_assert_num_queries(3):
        assert client.get(exchange.get_absolute_url()).status_code == 200
    # A page at the top has nothing above it to look up.
    with django_assert_num_queries(2):
        assert client.get(funding.get_absolute_url()).status_code == 200


# --- Sitemap and search ---------------------------------------------------------


def test_published_pages_are_in_the_sitemap_in_their_languages(client):
    funding = make_page("Fördermöglichkeiten")
    translate(funding, title="Funding")
    make_page("Kontakt")
    make_page("Entwurf", status=Page.Status.DRAFT)

    sitemap = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/foerdermoeglichkeiten/</loc>" in sitemap
    assert "<loc>http://testserver/en/funding/</loc>" in sitemap
    assert "<loc>http://testserver/kontakt/</loc>" in sitemap
    assert "/en/kontakt/" not in sitemap
    assert "/entwurf/" not in sitemap


def test_search_finds_published_pages_only(client):
    make_page("Schüleraustausch", body="<p>Gastfamilien gesucht.</p>")
    make_page("Geheim", body="<p>Gastfamilien im Entwurf.</p>", status=Page.Status.DRAFT)

    html = client.get("/suche/", {"q": "Gastfamilien"}).content.decode()

    assert 'href="/schueleraustausch/"' in html
    assert "/geheim/" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors are PostgreSQL's")
def test_search_finds_a_page_by_its_translation_in_that_language(client):
    page = make_page("Schüleraustausch", body="<p>Gastfamilien gesucht.</p>")
    translate(page, title="School exchange", body="<p>Host families wanted.</p>")

    english = client.get("/en/search/", {"q": "host families"}).content.decode()
    german_words = client.get("/en/search/", {"q": "Gastfamilien"}).content.decode()

    assert 'href="/en/school-exchange/"' in english
    assert "school-exchange" not in german_words


# --- Admin ------------------------------------------------------------------------


@pytest.fixture
def page_with_history(leitung_client):
    """A live page with an image, saved through the admin three times."""
    leitung_client.post(
        reverse("admin:site_page_add"),
        {
            "title_de": "Kontakt",
            "slug_de": "",
            "body_de": "<p>Erste Fassung.</p>",
            "_publish": "Veröffentlichen",
            "publish_at_0": "01.01.2026",
            "publish_at_1": "09:00",
            "image": image_upload(),
            "image_alt_de": "Das Rathaus",
            "menu": "fusszeile",
            "menu_order": "0",
        },
    )
    page = Page.objects.get()
    post_changed(leitung_client, page, body="<p>Zweite Fassung.</p>")
    page.refresh_from_db()
    assert page.image and page.history.count() == 2
    return page


def test_the_change_form_saves_unchanged_with_its_image_and_history(
    leitung_client, page_with_history
):
    page = page_with_history
    image = page.image.name

    response = post_changed(leitung_client, page)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.image.name == image
    assert page.body == "<p>Zweite Fassung.</p>"
    assert page.paths["de"] == "kontakt"


def test_an_editors_change_to_a_live_page_waits_for_review(
    page_with_history, redakteur_client, client
):
    page = page_with_history

    response = post_changed(redakteur_client, page, body="<p>Vorschlag.</p>")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "<p>Zweite Fassung.</p>"
    pending = PendingChange.objects.for_object(page)
    assert pending.proposal["fields"]["body"] == "<p>Vorschlag.</p>"
    assert "Vorschlag." not in client.get("/kontakt/").content.decode()
    preview = redakteur_client.get("/kontakt/?aenderung").content.decode()
    assert "Vorschlag." in preview
    assert "Änderung in Prüfung" in preview


def test_editors_cannot_publish_a_page(redakteur_client):
    page = make_page("Kontakt", status=Page.Status.DRAFT)

    forged = post_changed(redakteur_client, page, status=Page.Status.PUBLISHED)
    assert forged.status_code == 200
    assert "_publish" not in change_form(redakteur_client.get(change_url(page))).submits
    assert post_changed(redakteur_client, page, body="<p>Neu.</p>").status_code == 302
    page.refresh_from_db()
    assert page.status == Page.Status.DRAFT
    assert page.body == "<p>Neu.</p>"


def press(client, page, button, **changes):
    form = change_form(client.get(change_url(page)))
    assert button in form.submits, form.submits
    return client.post(change_url(page), form.data(**{button: "1"}, **changes))


def test_an_editor_submits_a_page_the_lead_sends_back_with_a_note_and_then_publishes(
    redakteur_client,
    redakteur,
    leitung,
    leitung_client,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    page = make_page("Kontakt", status=Page.Status.DRAFT, created_by=redakteur)

    with django_capture_on_commit_callbacks(execute=True):
        assert press(redakteur_client, page, "_submit_review").status_code == 302
    page.refresh_from_db()
    assert page.status == Page.Status.REVIEW
    assert [mail.to for mail in mailoutbox] == [[leitung.email]]
    assert "Zur Prüfung: Seite „Kontakt“" in mailoutbox[0].subject

    refused = press(leitung_client, page, "_send_back")
    assert refused.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        press(leitung_client, page, "_send_back", review_comment="Bitte Zeiten ergänzen.")
    page.refresh_from_db()
    assert page.sent_back_comment == "Bitte Zeiten ergänzen."
    assert mailoutbox[-1].to == [redakteur.email]
    assert "Bitte Zeiten ergänzen." in mailoutbox[-1].body
    assert client.get("/kontakt/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        press(leitung_client, page, "_publish")
    page.refresh_from_db()
    assert page.status == Page.Status.PUBLISHED
    assert "Veröffentlicht: Seite „Kontakt“" in mailoutbox[-1].subject
    assert client.get("/kontakt/").status_code == 200


def test_a_scheduled_page_appears_and_disappears_by_the_clock(client):
    now = timezone.now()
    page = make_page("Kontakt", menu=Page.Menu.FOOTER, publish_at=now + timedelta(hours=1))

    assert client.get("/kontakt/").status_code == 404
    assert 'href="/kontakt/"' not in client.get("/").content.decode()
    assert seconds_until_next_change() <= 3601

    with time_machine.travel(now + timedelta(hours=2), tick=False):
        assert client.get("/kontakt/").status_code == 200
        assert 'href="/kontakt/"' in client.get("/").content.decode()

    page.unpublish_at = now + timedelta(hours=3)
    page.save()
    with time_machine.travel(now + timedelta(hours=4), tick=False):
        assert client.get("/kontakt/").status_code == 404
        assert Page.objects.published().count() == 0


def test_a_page_cannot_disappear_before_it_appears(leitung_client):
    page = make_page("Kontakt")

    response = post_changed(
        leitung_client,
        page,
        publish_at_0="02.01.2026",
        publish_at_1="09:00",
        unpublish_at_0="01.01.2026",
        unpublish_at_1="09:00",
    )

    assert response.status_code == 200
    assert "Der Inhalt kann nicht verschwinden, bevor er erschienen ist." in (
        response.content.decode()
    )
    page.refresh_from_db()
    assert page.unpublish_at is None


def test_pages_are_in_the_start_pages_worklists(redakteur_client, redakteur):
    make_page("Meine Seite", status=Page.Status.DRAFT, created_by=redakteur)
    make_page("Zu prüfende Seite", status=Page.Status.REVIEW)

    response = redakteur_client.get("/admin/")

    worklists = {
        w["title"]: [item["object"].title for item in w["items"]]
        for w in response.context["worklists"]
    }
    assert worklists["Meine Entwürfe"] == ["Meine Seite"]
    assert worklists["Warten auf Prüfung"] == ["Zu prüfende Seite"]
    assert change_url(Page.objects.get(title="Meine Seite")) in response.content.decode()


def test_moving_a_page_in_the_admin_keeps_the_old_address(leitung_client, client):
    parent = make_page("Fördermöglichkeiten")
    page = make_page("Schüleraustausch")

    response = post_changed(leitung_client, page, parent=str(parent.pk))

    assert response.status_code == 302
    response = client.get("/schueleraustausch/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/foerdermoeglichkeiten/schueleraustausch/",
    )


# --- The tick box becomes a status -------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_ticked_pages_migrate_to_published_and_the_others_to_drafts():
    before = migrate([("site", "0007_pages")])
    try:
        old_page = before.get_model("site", "Page")
        for title, published in [("Kontakt", True), ("Entwurf", False)]:
            old_page.objects.create(
                title=title,
                title_de=title,
                slug=title.lower(),
                slug_de=title.lower(),
                body="<p>Text</p>",
                body_de="<p>Text</p>",
                published=published,
            )

        migrate(latest())

        assert dict(Page.objects.values_list("title", "status")) == {
            "Kontakt": Page.Status.PUBLISHED,
            "Entwurf": Page.Status.DRAFT,
        }
        with translation.override("de"):
            assert [page.title for page in Page.objects.published()] == ["Kontakt"]
    finally:
        migrate(latest())
