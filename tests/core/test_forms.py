"""File inputs and the alt-text box of the admin forms."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnership.site.models import LegalPage
from tests.admin_forms import change_form
from tests.factories import AgreementFactory, ArticleFactory, CityFactory, image_upload

pytestmark = pytest.mark.django_db


def clear_label(html, name):
    """The text of the label of the tick box that removes the file of ``name``."""
    match = re.search(rf'<label for="{name}-clear_id">([^<]*)</label>', html)
    return match and match.group(1)


@pytest.mark.parametrize("factory", [CityFactory, ArticleFactory], ids=["city", "article"])
def test_image_fields_have_a_clear_remove_box_and_room_for_a_sentence(admin_client, factory):
    obj = factory(image=image_upload(), image_alt="Rathaus")
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    html = admin_client.get(url).content.decode()

    assert clear_label(html, "image") == "Bild entfernen"
    textarea = re.search(r'<textarea name="image_alt_de"[^>]*>', html).group(0)
    assert 'rows="3"' in textarea and 'class="image-alt-text ' in textarea
    assert 'maxlength="250"' in textarea
    assert "css/admin-uploads.css" in html


def test_ticking_bild_entfernen_removes_the_image(admin_client):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    url = reverse("admin:cities_city_change", args=[city.pk])
    form = change_form(admin_client.get(url))

    response = admin_client.post(url, form.data(**{"image-clear": "on", "image_alt": ""}))

    assert response.status_code == 302
    city.refresh_from_db()
    assert not city.image


def test_alt_text_typed_over_several_lines_is_saved_as_one(admin_client):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    url = reverse("admin:cities_city_change", args=[city.pk])
    form = change_form(admin_client.get(url))

    admin_client.post(url, form.data(image_alt="Rathaus von Tsukuba\r\nmit  Vorplatz\r\n"))

    city.refresh_from_db()
    assert city.image_alt == "Rathaus von Tsukuba mit Vorplatz"


def test_agreement_document_is_removed_with_dokument_entfernen(admin_client):
    agreement = AgreementFactory(
        document=SimpleUploadedFile(
            "vertrag.pdf", b"%PDF-1.7\n...", content_type="application/pdf"
        )
    )

    own = admin_client.get(reverse("admin:partnership_agreement_change", args=[agreement.pk]))
    inline = admin_client.get(
        reverse("admin:partnership_partnership_change", args=[agreement.partnership.pk])
    )

    assert clear_label(own.content.decode(), "document") == "Dokument entfernen"
    assert clear_label(inline.content.decode(), "agreements-0-document") == "Dokument entfernen"


def test_sign_language_video_is_removed_with_datei_entfernen(admin_client):
    page = LegalPage.objects.create(
        kind=LegalPage.Kind.SIGN_LANGUAGE,
        title="Gebärdensprache",
        video=SimpleUploadedFile("dgs.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32),
        video_captions=SimpleUploadedFile("dgs.vtt", b"WEBVTT\n\n"),
    )

    html = admin_client.get(reverse("admin:site_legalpage_change", args=[page.pk]))

    assert clear_label(html.content.decode(), "video") == "Datei entfernen"
    assert clear_label(html.content.decode(), "video_captions") == "Datei entfernen"
