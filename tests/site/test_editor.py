import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import image_upload

pytestmark = pytest.mark.django_db

URL = "/admin/editor/upload/"


def test_editor_upload_stores_a_reencoded_image_under_a_random_name(admin_client):
    response = admin_client.post(URL, {"upload": image_upload(name="../../rathaus.jpg")})
    payload = response.json()
    assert payload["uploaded"] == 1
    assert payload["url"].startswith("/media/editor/")
    assert "rathaus" not in payload["url"]
    name = payload["url"].removeprefix("/media/")
    assert default_storage.exists(name)


def test_editor_upload_refuses_a_non_image_in_german(admin_client):
    fake = SimpleUploadedFile("bild.png", b"<html><script>alert(1)</script></html>")
    payload = admin_client.post(URL, {"upload": fake}).json()
    assert payload["uploaded"] == 0
    assert "kein lesbares Bild" in payload["error"]["message"]


def test_dialog_upload_answers_with_a_safe_script(admin_client):
    response = admin_client.post(f"{URL}?CKEditorFuncNum=3", {"upload": image_upload()})
    html = response.content.decode()
    assert html.startswith("<script>window.parent.CKEDITOR.tools.callFunction(3, ")
    url = json.loads(html.split(", ", 2)[1])
    assert url.startswith("/media/editor/")


def test_dialog_callback_number_cannot_inject_script(admin_client):
    response = admin_client.post(
        f"{URL}?CKEditorFuncNum=1);alert(1);//", {"upload": image_upload()}
    )
    assert response["Content-Type"] == "application/json"


def test_anonymous_upload_is_sent_to_the_login(client):
    response = client.post(URL, {"upload": image_upload()})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_editing_rights_may_not_upload_or_browse(client, staff_without_rights):
    client.force_login(staff_without_rights)
    assert client.post(URL, {"upload": image_upload()}).status_code == 403
    assert client.get("/admin/editor/browse/").status_code == 403


def test_editor_may_upload(client, editor):
    client.force_login(editor)
    assert client.post(URL, {"upload": image_upload()}).json()["uploaded"] == 1


def test_cross_site_upload_is_refused(admin_client):
    response = admin_client.post(
        URL, {"upload": image_upload()}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    response = admin_client.post(
        URL, {"upload": image_upload()}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403


def test_upload_without_a_file_says_so(admin_client):
    assert "keine Datei" in admin_client.post(URL, {}).json()["error"]["message"]
