"""The admin checks a chosen file's size at its field before anything is sent."""

import pytest
from django.test import Client

from news.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def admin_page(page, live_server, settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 2000
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/admin/news/article/add/")
    return page


def test_too_big_a_file_is_named_at_its_field_and_the_form_is_not_sent(admin_page):
    admin_page.fill("#id_title_de", "Mit großem Bild")
    admin_page.set_input_files(
        "#id_image", {"name": "gross.jpg", "mimeType": "image/jpeg", "buffer": b"x" * 5000}
    )

    note = admin_page.locator("#id_image-groesse")
    assert note.is_visible()
    assert "„gross.jpg“" in note.inner_text() and "höchstens" in note.inner_text()
    assert admin_page.get_attribute("#id_image", "aria-invalid") == "true"

    admin_page.click("input[name=_save]")
    assert admin_page.url.endswith("/admin/news/article/add/")
    assert admin_page.input_value("#id_title_de") == "Mit großem Bild"
    assert not Article.objects.exists()

    admin_page.set_input_files(
        "#id_image", {"name": "klein.jpg", "mimeType": "image/jpeg", "buffer": b"x" * 100}
    )
    assert not note.is_visible()
