"""
The legal pages built from the site settings, the accessibility statement's
own lists and dates, and the Leichte-Sprache check.
"""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from partnership.site.models import AccessibilityCheck, LegalPage, SiteSettings
from tests.admin_forms import change_form
from tests.factories import AgreementFactory, PartnershipFactory, scanned_pdf

pytestmark = pytest.mark.django_db


OPERATOR = {
    "city_name": "Stadt Bochum",
    "site_name": "Städtepartnerschaften",
    "operator_name": "Stadt Bochum",
    "operator_representative": "den Oberbürgermeister",
    "operator_address": "Rathausplatz 1\n44700 Bochum",
    "operator_phone": "0234 000000-0",
    "operator_email": "partnerschaften@bochum.example",
    "supervisory_authority": "Bezirksregierung (Beispiel)",
    "editorial_responsible": "Erika Beispiel, Anschrift wie oben",
    "dpo_contact": "Datenschutzbeauftragte, datenschutz@bochum.example",
    "accessibility_contact": "barrierefrei@bochum.example",
}


def page(kind, **fields):
    return LegalPage.objects.create(
        kind=kind, title=str(LegalPage.Kind(kind).label), published=True, **fields
    )


def statement(client):
    return client.get("/barrierefreiheit/").content.decode()


def test_imprint_shows_the_operator_from_the_site_settings(client):
    SiteSettings.objects.create(**OPERATOR, vat_id="DE123456789")
    page(LegalPage.Kind.IMPRINT, body="<p>Haftung für Links</p>")
    html = client.get("/impressum/").content.decode()
    for text in [
        "vertreten durch den Oberbürgermeister",
        "Rathausplatz 1<br>44700 Bochum",
        'href="tel:0234000000-0"',
        'href="mailto:partnerschaften@bochum.example"',
        "Bezirksregierung (Beispiel)",
        "DE123456789",
        "§ 18 Abs. 2 MStV",
        "Erika Beispiel",
        "Haftung für Links",
    ]:
        assert text in html, text


def test_imprint_leaves_out_what_is_empty_and_staff_see_it_missing(client):
    settings = SiteSettings.objects.create(**{**OPERATOR, "supervisory_authority": ""})
    imprint = page(LegalPage.Kind.IMPRINT)
    html = client.get("/impressum/").content.decode()
    assert "Aufsichtsbehörde" not in html
    assert "Umsatzsteuer" not in html  # optional: never missing, never shown empty
    assert [str(item) for item in imprint.missing(settings)] == [
        "Aufsichtsbehörde (Website-Einstellungen)"
    ]


def test_complete_pages_miss_nothing():
    settings = SiteSettings.objects.create(**OPERATOR)
    pages = [
        page(LegalPage.Kind.IMPRINT),
        page(LegalPage.Kind.PRIVACY, body="<p>Text</p>"),
        page(
            LegalPage.Kind.ACCESSIBILITY,
            conformity=LegalPage.Conformity.PARTIAL,
            prepared_on=date(2026, 11, 1),
            ombudsman_name="Ombudsstelle",
            ombudsman_address="Anschrift",
            ombudsman_url="https://ombudsstelle.example/",
        ),
        page(LegalPage.Kind.SIGN_LANGUAGE, body="<p>Text</p>"),
    ]
    assert [p.missing(settings) for p in pages] == [[], [], [], []]


def test_privacy_page_names_the_controller_and_the_data_protection_officer(client):
    SiteSettings.objects.create(**OPERATOR)
    page(LegalPage.Kind.PRIVACY, body="<p>Server-Protokolle</p>")
    html = client.get("/datenschutz/").content.decode().replace("\u00ad", "")
    assert "Verantwortliche Stelle" in html
    assert "datenschutz@bochum.example" in html


def test_unpublished_page_without_settings_misses_every_fact():
    privacy = LegalPage.objects.create(kind=LegalPage.Kind.PRIVACY, title="Datenschutz")
    missing = [str(item) for item in privacy.missing()]
    assert "Datenschutzbeauftragte Person (Website-Einstellungen)" in missing
    assert "Text" in missing
    assert missing[-1] == "nicht veröffentlicht"


def test_plain_language_text_is_marked_until_a_group_checked_it():
    plain = page(LegalPage.Kind.PLAIN_LANGUAGE, body="<p>Bochum ist eine Stadt.</p>")
    marker = "vor Veröffentlichung von einer Prüfgruppe prüfen lassen"
    assert [str(item) for item in plain.missing()] == [marker]
    plain.plain_language_checked_on = date(2026, 11, 20)
    assert [str(item) for item in plain.missing()] == [marker]  # who checked, too
    plain.plain_language_checked_by = "Prüfgruppe des Büros für Leichte Sprache"
    assert plain.missing() == []


def test_statement_lists_the_missing_sign_language_video_by_itself(client):
    page(LegalPage.Kind.ACCESSIBILITY)
    sign_language = page(LegalPage.Kind.SIGN_LANGUAGE, body="<p>Text</p>")
    assert "Video in Deutscher Gebärdensprache" in statement(client)

    sign_language.video = SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\0" * 32)
    sign_language.save()
    html = statement(client)
    assert "Video in Deutscher Gebärdensprache" not in html
    assert "Untertitel des Videos in Gebärdensprache" in html


def test_statement_lists_inaccessible_documents_of_published_partnerships(client):
    page(LegalPage.Kind.ACCESSIBILITY)
    scan = AgreementFactory(
        title="Vereinbarung Sheffield", document=scanned_pdf(), full_text="<p>§ 1</p>"
    )
    AgreementFactory(
        title="Getaggte Vereinbarung", document=scanned_pdf(), document_accessible=True
    )
    AgreementFactory(
        title="Entwurf Oviedo",
        document=scanned_pdf(),
        partnership=PartnershipFactory(published=False),
    )
    html = statement(client)
    assert f'<a href="{scan.get_absolute_url()}">PDF „Vereinbarung Sheffield“</a>' in html
    assert "Sein Wortlaut steht als Text auf der Seite der Partnerschaft." in html
    assert "Getaggte Vereinbarung" not in html
    assert "Entwurf Oviedo" not in html


def test_statement_says_which_checks_were_not_done_yet(client):
    page(LegalPage.Kind.ACCESSIBILITY)
    html = " ".join(statement(client).split())
    assert "Manuelle Prüfung mit Screenreader: noch nicht durchgeführt." in html
    assert "Manuelle Prüfung mit der Tastatur: noch nicht durchgeführt." in html
    assert "Nu HTML Checker: noch nicht durchgeführt." in html


def test_statement_gives_the_dates_of_the_checks(client):
    page(
        LegalPage.Kind.ACCESSIBILITY,
        keyboard_checked_on=date(2026, 10, 5),
        screen_reader_checked_on=date(2026, 10, 6),
        manual_check_tools="NVDA mit Firefox",
    )
    AccessibilityCheck.objects.create(ran_at=datetime(2026, 11, 2, 9, tzinfo=UTC), passed=12)
    AccessibilityCheck.objects.create(ran_at=datetime(2026, 10, 1, 9, tzinfo=UTC), passed=12)
    html = " ".join(statement(client).split())
    assert "Nu HTML Checker: zuletzt ohne Fehler am 2. November 2026." in html
    assert "Manuelle Prüfung mit der Tastatur: am 5. Oktober 2026." in html
    assert "Screenreader: am 6. Oktober 2026 (NVDA mit Firefox)." in html


def test_statement_takes_the_feedback_contact_from_the_site_settings(client):
    SiteSettings.objects.create(**OPERATOR)
    page(
        LegalPage.Kind.ACCESSIBILITY,
        ombudsman_name="Ombudsstelle",
        ombudsman_url="https://o.example/",
    )
    html = statement(client)
    assert 'href="mailto:barrierefrei@bochum.example"' in html
    assert '<a href="https://o.example/">' in html


def test_statement_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    SiteSettings.objects.create(**OPERATOR)
    page(LegalPage.Kind.ACCESSIBILITY)
    for _ in range(3):
        AgreementFactory(document=scanned_pdf(), full_text="<p>§ 1</p>")
    statement(client)  # the site settings' copy for this process
    # The page, the sign-language page, the documents with their
    # partnerships in one join, the latest automated check.
    with django_assert_num_queries(4):
        assert client.get("/barrierefreiheit/").status_code == 200


def test_public_demo_pages_show_no_instruction_for_editors(client):
    call_command("load_demo", stdout=StringIO())
    for kind in LegalPage.Kind.values:
        html = client.get(f"/{kind}/").content.decode()
        for instruction in ["tragen Sie", "vor dem Betrieb", "Prüfgruppe"]:
            assert instruction not in html, (kind, instruction)


def test_demo_statement_lists_the_scanned_agreement_and_the_missing_video(client):
    call_command("load_demo", stdout=StringIO())
    html = " ".join(statement(client).split())
    assert "Video in Deutscher Gebärdensprache" in html
    assert "PDF „Partnerschaftsvereinbarung Bochum – Tsukuba“" in html
    assert "Manuelle Prüfung mit Screenreader: noch nicht durchgeführt." in html
    assert "Beispielanschrift der Demo" in html


def test_admin_marks_the_plain_language_text_until_its_check_is_recorded(leitung_client):
    call_command("load_demo", stdout=StringIO())
    plain = LegalPage.objects.get(kind=LegalPage.Kind.PLAIN_LANGUAGE)
    url = reverse("admin:site_legalpage_change", args=[plain.pk])
    response = leitung_client.get(url)
    assert "vor Veröffentlichung von einer Prüfgruppe prüfen lassen" in response.content.decode()
    form = change_form(response).data(
        plain_language_checked_on="20.11.2026",
        plain_language_checked_by="Prüfgruppe Leichte Sprache Bochum (Beispiel)",
        _save="Sichern",
    )
    assert leitung_client.post(url, form).status_code == 302
    plain.refresh_from_db()
    assert plain.plain_language_checked_on == date(2026, 11, 20)
    page_html = leitung_client.get(url).content.decode()
    assert "vor Veröffentlichung von einer Prüfgruppe prüfen lassen" not in page_html


def test_admin_form_of_the_sign_language_page_keeps_its_video(leitung_client):
    sign_language = page(
        LegalPage.Kind.SIGN_LANGUAGE,
        body="<p>Text</p>",
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\0" * 32),
    )
    stored = sign_language.video.name
    url = reverse("admin:site_legalpage_change", args=[sign_language.pk])
    form = change_form(leitung_client.get(url)).data(video_description="Neu", _save="Sichern")
    assert leitung_client.post(url, form).status_code == 302
    sign_language.refresh_from_db()
    assert sign_language.video.name == stored
    assert sign_language.video_description == "Neu"


def test_sign_language_page_without_a_video_says_so_and_whom_to_ask(client):
    SiteSettings.objects.create(**OPERATOR)
    page(LegalPage.Kind.SIGN_LANGUAGE, body="<p>Was das Video erklärt</p>")
    html = client.get("/gebaerdensprache/").content.decode()
    assert "Ein Video in Deutscher Gebärdensprache gibt es noch nicht." in html
    assert 'href="mailto:barrierefrei@bochum.example"' in html
    assert "<video" not in html


def test_plain_language_page_says_how_to_reach_the_office(client):
    SiteSettings.objects.create(**OPERATOR)
    page(LegalPage.Kind.PLAIN_LANGUAGE, body="<p>Bochum ist eine Stadt.</p>")
    html = client.get("/leichte-sprache/").content.decode()
    assert "So erreichen Sie uns" in html
    assert 'href="tel:0234000000-0"' in html
    assert "Rathausplatz 1<br>44700 Bochum" in html
