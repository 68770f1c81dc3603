"""Agreements' PDF documents: tagged or not, and their text on the page when not."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.uploads import pdf_is_tagged
from partnership.models import Agreement
from tests.admin_forms import change_form
from tests.factories import AgreementFactory, scanned_pdf, tagged_pdf

pytestmark = pytest.mark.django_db


def test_a_scan_has_no_tags():
    assert not pdf_is_tagged(scanned_pdf())


def test_a_tagged_pdf_is_recognised():
    assert pdf_is_tagged(tagged_pdf())


def test_tags_are_found_in_a_compressed_object_stream():
    assert pdf_is_tagged(tagged_pdf(in_object_stream=True))


def test_a_structure_tree_without_marked_content_is_not_enough():
    content = tagged_pdf().read().replace(b"/Marked true", b"/Marked false")
    assert not pdf_is_tagged(SimpleUploadedFile("v.pdf", content))


def test_an_untagged_document_needs_its_wording_on_the_page():
    agreement = AgreementFactory.build(document=scanned_pdf())
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["partnership"])
    assert "Wortlaut" in str(error.value.message_dict["full_text"])
    assert agreement.document_tagged is False


def test_an_untagged_document_cannot_be_declared_accessible():
    agreement = AgreementFactory.build(document=scanned_pdf(), document_accessible=True)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean(exclude=["partnership"])
    assert "keine Tags" in str(error.value.message_dict["document_accessible"])


def test_a_tagged_document_is_accessible_once_staff_confirm_it():
    agreement = AgreementFactory.build(document=tagged_pdf())
    with pytest.raises(ValidationError, match="Das PDF enthält Tags"):
        agreement.full_clean(exclude=["partnership"])
    agreement.document_accessible = True
    agreement.full_clean(exclude=["partnership"])
    assert agreement.document_tagged is True


def test_a_scan_with_its_wording_is_accepted_and_shows_the_wording(client):
    agreement = AgreementFactory(
        document=scanned_pdf(), full_text="<p>§ 1 Die Städte vereinbaren eine Partnerschaft.</p>"
    )
    agreement.full_clean()
    html = client.get(agreement.partnership.get_absolute_url()).content.decode()
    assert "§ 1 Die Städte vereinbaren" in html
    assert "(nicht barrierefrei)" in html


def agreement_change(client, agreement):
    url = reverse("admin:partnership_agreement_change", args=[agreement.pk])
    return url, change_form(client.get(url))


def test_admin_form_of_a_stored_scan_saves_unchanged(admin_client):
    """The stored file is not read again; what the upload check found stays."""
    agreement = AgreementFactory(
        document=scanned_pdf(), document_tagged=False, full_text="<p>Wortlaut</p>"
    )
    url, form = agreement_change(admin_client, agreement)
    assert "Keine Tags gefunden" in admin_client.get(url).content.decode()
    assert admin_client.post(url, form.data(_save="Sichern")).status_code == 302
    agreement.refresh_from_db()
    assert agreement.document_tagged is False and agreement.document.name


def test_admin_refuses_a_scan_declared_accessible_and_keeps_the_stored_file(admin_client):
    agreement = AgreementFactory(
        document=tagged_pdf(), document_tagged=True, document_accessible=True
    )
    stored = agreement.document.name
    url, form = agreement_change(admin_client, agreement)
    response = admin_client.post(url, {**form.data(), "document": scanned_pdf()})
    assert response.status_code == 200
    assert "keine Tags" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.document.name == stored and agreement.document_tagged is True


def test_admin_accepts_a_new_scan_with_its_wording(admin_client):
    agreement = AgreementFactory(
        document=tagged_pdf(), document_tagged=True, document_accessible=True
    )
    url, form = agreement_change(admin_client, agreement)
    data = form.data(full_text="<p>Der Wortlaut.</p>")
    data.pop("document_accessible")
    response = admin_client.post(url, {**data, "document": scanned_pdf()})
    assert response.status_code == 302
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.document_tagged is False and not agreement.document_accessible
