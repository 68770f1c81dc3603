"""Oversized request bodies are refused before they are read."""

import re
import socket
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.forms import modelform_factory
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from news.models import Article
from partnership.models import Agreement
from partnership.site.models import LegalPage
from partnership.site.request_limits import (
    MB,
    PUBLIC_BODY_LIMIT,
    RequestSizeLimitMiddleware,
    body_limit,
)
from tests.factories import article_form, image_upload


@pytest.fixture
def server(live_server):
    """Django's live server, a real socket: the refusal needs no database."""
    return urlsplit(live_server.url)


def send_headers_and_wait(server, head):
    """Send only the request head, never the body, and read what the server answers."""
    with socket.create_connection((server.hostname, server.port), timeout=30) as sock:
        sock.sendall(head.encode())
        # Waits for the answer; a server that reads the body first never sends one.
        answer = b""
        while b"</html>" not in answer:
            block = sock.recv(65536)
            if not block:
                break
            answer += block
    return answer.decode("utf-8", errors="replace")


@pytest.mark.parametrize(
    ("path", "megabytes"),
    [
        ("/admin/news/article/add/", 50),
        ("/admin/editor/upload/?CKEditorFuncNum=1", 12),
        ("/admin/site/legalpage/1/change/", 400),
        ("/aktuelles/", 1),
    ],
)
def test_oversized_upload_gets_413_before_its_body_is_sent(server, path, megabytes):
    answer = send_headers_and_wait(
        server,
        f"POST {path} HTTP/1.1\r\n"
        f"Host: {server.hostname}\r\n"
        "Content-Type: multipart/form-data; boundary=grenze\r\n"
        f"Content-Length: {megabytes * MB}\r\n\r\n",
    )
    status_line, _, rest = answer.partition("\r\n")
    assert " 413 " in status_line, status_line
    assert "Die Datei ist zu groß" in rest
    assert "Zurück-Taste" in rest and "Text steht dort noch" in rest
    assert "Content-Security-Policy" in rest  # the site's headers, as on every page


def test_each_address_has_its_limit(settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 10 * MB
    settings.MAX_DOCUMENT_UPLOAD_SIZE = 20 * MB
    settings.MAX_VIDEO_UPLOAD_SIZE = 300 * MB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * MB

    assert body_limit("/admin/editor/upload/").bytes == 11 * MB
    assert body_limit("/admin/news/article/add/").bytes == 25 * MB
    assert body_limit("/admin/site/legalpage/3/change/").bytes == 305 * MB
    assert body_limit("/admin/site/legalpage/add/").bytes == 305 * MB
    assert body_limit("/admin/partnership/partnership/3/change/").bytes == 25 * MB
    assert body_limit("/suche/").bytes == PUBLIC_BODY_LIMIT


@pytest.mark.django_db
def test_admin_form_over_the_limit_is_refused_and_nothing_is_saved(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = settings.MAX_DOCUMENT_UPLOAD_SIZE = 2000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(image=image_upload(size=(600, 600)), image_alt="groß"),
    )
    assert response.status_code == 413
    assert "Bilder bis" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_file_just_over_the_form_limit_still_gets_the_forms_message(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 500
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(image=image_upload(size=(400, 400)), image_alt="groß"),
    )
    assert response.status_code == 200
    assert "höchstens" in response.content.decode()


def streamed_request(path, body):
    """A request as gunicorn hands over a chunked body: decoded, without a length."""
    request = RequestFactory().generic(
        "POST", path, b"-", content_type="application/x-www-form-urlencoded"
    )
    del request.META["CONTENT_LENGTH"]
    request.META.update(
        {
            "HTTP_TRANSFER_ENCODING": "chunked",
            "wsgi.input": BytesIO(body),
            "wsgi.input_terminated": True,
        }
    )
    return request


def test_streamed_body_within_the_limit_reaches_the_form():
    middleware = RequestSizeLimitMiddleware(lambda request: HttpResponse(request.POST["titel"]))
    response = middleware(streamed_request("/admin/news/article/add/", b"titel=Hallo+Welt"))
    assert response.status_code == 200
    assert response.content == b"Hallo Welt"


def test_streamed_body_over_the_limit_is_not_read_beyond_it():
    body = BytesIO(b"x" * (10 * PUBLIC_BODY_LIMIT))
    request = streamed_request("/aktuelles/", b"")
    request.META["wsgi.input"] = body

    response = RequestSizeLimitMiddleware(lambda request: HttpResponse())(request)

    assert response.status_code == 413
    assert body.tell() <= PUBLIC_BODY_LIMIT + 64 * 1024


@pytest.mark.django_db
def test_admin_file_inputs_name_their_limit_for_the_size_check(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 3 * MB
    html = admin_client.get(reverse("admin:news_article_add")).content.decode()
    assert re.search(r'<input type="file" name="image"[^>]*data-max-bytes="3145728"', html)
    assert "js/upload-limits.js" in html
    assert (
        modelform_factory(LegalPage, fields=["video", "video_captions"])()
        .fields["video"]
        .widget.attrs["data-max-bytes"]
        == settings.MAX_VIDEO_UPLOAD_SIZE
    )
    assert (
        modelform_factory(Agreement, fields=["document"])()
        .fields["document"]
        .widget.attrs["data-max-bytes"]
        == settings.MAX_DOCUMENT_UPLOAD_SIZE
    )
