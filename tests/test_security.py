"""
The site under attack and under fault. docs/security.md maps each case of
the threat list to the test here (or elsewhere) that covers it.
"""

import re
import struct
import zlib
from datetime import timedelta
from io import BytesIO
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.richtext import sanitize_html
from core.uploads import reencode_image, validate_image
from news.models import Article
from partnership.site.models import Page
from tests import servers
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CityFactory,
    CooperationAreaFactory,
    PartnershipFactory,
    ProjectFactory,
    article_form,
    image_upload,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


# --- A. Rich text --------------------------------------------------------


@pytest.mark.parametrize(
    "dirty",
    [
        '<p onclick="steal()">x</p>',
        '<img src="/a.jpg" alt="a" onerror="steal()">',
        '<svg onload="steal()"><circle r="1"/></svg>',
        '<iframe src="https://example.org"></iframe>',
        '<object data="x.swf"></object>',
        '<embed src="x.swf">',
        "<style>body{display:none}</style>",
        '<form action="https://evil.example"><input name="p"></form>',
        '<a href="javascript:steal()">x</a>',
        '<a href="jav&#x09;ascript:steal()">x</a>',
        '<a href="&#106;avascript:steal()">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a href="vbscript:steal()">x</a>',
    ],
)
def test_nothing_executable_survives_sanitising(dirty):
    clean = sanitize_html(dirty).lower()
    for marker in [
        "onclick",
        "onerror",
        "onload",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "<form",
        "<input",
        "javascript",
        "data:",
        "vbscript",
        "steal",
    ]:
        assert marker not in clean, (marker, clean)


def test_link_text_survives_when_its_dangerous_target_is_removed():
    assert sanitize_html('<a href="javascript:steal()">Mehr lesen</a>') == (
        '<a rel="noopener noreferrer">Mehr lesen</a>'
    )


@pytest.mark.parametrize(
    "href", ["https://example.org/", "http://x.de", "mailto:a@b.de", "tel:+4923"]
)
def test_safe_links_survive_with_noopener(href):
    assert sanitize_html(f'<a href="{href}">x</a>') == (
        f'<a href="{href}" rel="noopener noreferrer">x</a>'
    )


def test_two_megabytes_of_nested_unclosed_tags_save_cleanly(admin_client):
    body = "<div><p><b><i>" * 150_000 + "Text"
    assert len(body) > 2_000_000
    response = admin_client.post(reverse("admin:news_article_add"), article_form(body=body))
    assert response.status_code == 302
    stored = Article.objects.get().body
    assert "Text" in stored and len(stored) < len(body)
    assert sanitize_html(stored) == stored


def test_a_body_over_the_request_limit_gives_staff_a_clear_message(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = admin_client.post(
        reverse("admin:news_article_add"), article_form(body="<p>" + "x" * 200_000 + "</p>")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "zu viel auf einmal" in html.lower() and "Zurück-Taste" in html
    assert not Article.objects.exists()


XSS = '"><script>alert(1)</script>'


def test_markup_in_titles_and_names_is_escaped_everywhere(client, admin_client):
    city = CityFactory(name=f"Stadt{XSS}", slug="stadt")
    category = CategoryFactory(name=f"Kategorie{XSS}", slug="kategorie-x")
    partnership = PartnershipFactory(partner_city=city)
    article = ArticleFactory(title=f"Titel{XSS}", slug="titel", teaser=f"Anriss{XSS}")
    article.cities.add(city)
    article.categories.add(category)

    urls = [
        "/",
        "/aktuelles/",
        article.get_absolute_url(),
        city.get_absolute_url(),
        partnership.get_absolute_url(),
        "/staedte/",
        "/partnerschaften/",
        category.get_absolute_url(),
        f"/suche/?q={XSS}",
        "/aktuelles/feed/rss/",
        "/aktuelles/feed/atom/",
    ]
    for url in urls:
        assert "<script>alert(1)</script>" not in client.get(url).content.decode(), url
    for url in [
        reverse("admin:news_article_changelist"),
        reverse("admin:news_article_change", args=[article.pk]),
        reverse("admin:cities_city_changelist"),
        reverse("admin:news_category_changelist"),
    ]:
        assert "<script>alert(1)</script>" not in admin_client.get(url).content.decode(), url


def test_markup_in_admin_messages_is_escaped(admin_client):
    response = admin_client.post(
        reverse("admin:news_article_add"), article_form(title=f"Titel{XSS}"), follow=True
    )
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_slug_attempt_with_markup_is_a_form_error(admin_client):
    response = admin_client.post(reverse("admin:news_article_add"), article_form(slug=f"x{XSS}"))
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not Article.objects.exists()


# --- B. Uploads ----------------------------------------------------------


def png_declaring(width, height):
    """A tiny PNG whose header claims a huge canvas (a decompression bomb)."""
    buffer = BytesIO()
    Image.new("L", (1, 1)).save(buffer, format="PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return SimpleUploadedFile("bombe.png", bytes(data))


@pytest.mark.parametrize(
    ("width", "height"),
    [(20_000, 20_000), (10_000, 10_000)],
    ids=["bomb", "between-one-and-two-times-pillows-limit"],
)
def test_huge_canvases_are_refused_before_decoding(width, height):
    with pytest.raises(Exception, match="zu groß"):
        validate_image(png_declaring(width, height))


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        b"%PDF-1.4 kein Bild",
        b"",
    ],
    ids=["html-behind-png-header", "svg", "pdf", "empty"],
)
def test_non_images_are_refused_whatever_their_name(content):
    with pytest.raises(Exception):  # noqa: B017 - a ValidationError with a message
        validate_image(SimpleUploadedFile("foto.jpg", content))


def jpeg_bytes(mode="RGB", size=(40, 30), **options):
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, format="JPEG", **options)
    return buffer.getvalue()


def test_corrupt_jpeg_is_refused():
    truncated = jpeg_bytes(size=(400, 300))[:500]
    with pytest.raises(Exception, match="kein lesbares Bild"):
        validate_image(SimpleUploadedFile("kaputt.jpg", truncated))


def test_cmyk_jpeg_is_stored_as_rgb():
    result = reencode_image(SimpleUploadedFile("druck.jpg", jpeg_bytes(mode="CMYK")))
    assert Image.open(result).mode == "RGB"


def test_animated_gif_keeps_its_frames():
    buffer = BytesIO()
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "green", "blue")]
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100)
    result = reencode_image(SimpleUploadedFile("animiert.gif", buffer.getvalue()))
    assert Image.open(result).n_frames == 3


def test_sixteen_bit_png_is_accepted():
    buffer = BytesIO()
    Image.new("I;16", (20, 20), 40_000).save(buffer, format="PNG")
    upload = SimpleUploadedFile("tief.png", buffer.getvalue())
    validate_image(upload)
    assert Image.open(reencode_image(upload)).size == (20, 20)


def test_photos_are_turned_upright_and_lose_their_gps_position():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90°
    exif[0x8825] = {2: (51.0, 28.0, 0.0)}  # GPSInfo with a latitude
    upload = SimpleUploadedFile("handy.jpg", jpeg_bytes(size=(40, 30), exif=exif.tobytes()))
    with Image.open(reencode_image(upload)) as image:
        assert image.size == (30, 40)
        assert not image.getexif()


def test_trailing_payload_after_the_image_is_dropped():
    upload = SimpleUploadedFile("foto.jpg", jpeg_bytes() + b"<?php system($_GET['c']); ?>")
    assert b"<?php" not in reencode_image(upload).read()


@pytest.mark.parametrize("name", ["../../settings.py.jpg", 'a"b.jpg', "nul\x00.jpg", "..\\x.jpg"])
def test_upload_names_cannot_escape_the_folder_or_break_the_reply(admin_client, name, settings):
    response = admin_client.post(
        "/admin/editor/upload/?CKEditorFuncNum=1", {"upload": image_upload(name=name)}
    )
    reply = response.content.decode()
    stored = re.search(r'"(/media/editor/[0-9a-f]{32}\.jpg)"', reply)
    assert stored, reply
    assert reply.count("<script>") == 1


def test_oversized_image_is_a_form_error_and_nothing_is_written(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 500
    response = admin_client.post(
        reverse("admin:news_article_add"),
        article_form(image=image_upload(size=(400, 400)), image_alt="groß"),
    )
    assert response.status_code == 200
    assert "höchstens" in response.content.decode()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_pdf_is_served_as_a_download_with_nosniff(client, settings):
    from partnership.models import Agreement

    settings.SERVE_MEDIA = True
    agreement = Agreement.objects.create(
        partnership=PartnershipFactory(),
        title="Vertrag",
        signed_on=timezone.localdate(),
        document=SimpleUploadedFile("vertrag.pdf", b"%PDF-1.7\n%%EOF"),
    )
    response = client.get(agreement.document.url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- C. Headers ----------------------------------------------------------


def test_public_pages_send_a_strict_policy_and_protective_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_for_a_year_when_https_is_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_relaxed_policy_only_under_admin(admin_client, client):
    assert "'unsafe-inline'" in admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/aktuelles/")["Content-Security-Policy"]


def test_editor_upload_answer_may_load_in_the_admins_own_frame(admin_client):
    response = admin_client.post(
        "/admin/editor/upload/?CKEditorFuncNum=1", {"upload": image_upload()}
    )
    assert response["X-Frame-Options"] == "SAMEORIGIN"


# --- D. Nothing unpublished leaks ----------------------------------------

SECRET = "GEHEIMSACHE"


@pytest.fixture
def hidden_everything():
    now = timezone.now()
    category = CategoryFactory(name="Kultur")
    area = CooperationAreaFactory(name="Startups")
    public_city = CityFactory(name="Oviedo")
    public_partnership = PartnershipFactory(partner_city=public_city)
    visible = ArticleFactory(title="Sichtbar")
    visible.categories.add(category)
    visible.cities.add(public_city)
    hidden = [
        ArticleFactory(title=f"{SECRET} Entwurf", status=Article.Status.DRAFT),
        ArticleFactory(title=f"{SECRET} Prüfung", status=Article.Status.REVIEW),
        ArticleFactory(title=f"{SECRET} geplant", publish_at=now + timedelta(days=2)),
        ArticleFactory(title=f"{SECRET} zurückgezogen", status=Article.Status.WITHDRAWN),
        ArticleFactory(
            title=f"{SECRET} abgelaufen",
            publish_at=now - timedelta(days=30),
            unpublish_at=now - timedelta(days=1),
        ),
    ]
    for article in hidden:
        article.categories.add(category)
        article.cities.add(public_city)
        article.cooperation_areas.add(area)
        article.partnerships.add(public_partnership)
    hidden_city = CityFactory(name=f"{SECRET}stadt", published=False)
    hidden_partnership = PartnershipFactory(
        partner_city=CityFactory(name="Nordhausen"), published=False, summary=SECRET
    )
    ProjectFactory(partnership=public_partnership, title=f"{SECRET} Projekt", published=False)
    # A draft page in the main menu, below a published page in the footer.
    public_page = Page.objects.create(
        title="Kontakt",
        body="<p>Sichtbar.</p>",
        status=Page.Status.PUBLISHED,
        menu=Page.Menu.FOOTER,
    )
    hidden_page = Page.objects.create(
        title=f"{SECRET} Seite", body=f"<p>{SECRET}</p>", parent=public_page, menu=Page.Menu.MAIN
    )
    return [*hidden, hidden_city, hidden_partnership, hidden_page]


def crawl(client, start_urls):
    """Every page reachable by following the site's own links from ``start_urls``."""
    seen, queue, pages = set(), list(start_urls), {}
    while queue and len(seen) < 300:
        url = queue.pop()
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if path in seen or path.startswith(("/admin", "/media", "/static")):
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        text = response.content.decode()
        pages[path] = text
        for link in re.findall(r'(?:href|<loc>|<link>)"?([^"<\s]+)', text):
            absolute = urljoin("http://testserver" + path, link.replace("&amp;", "&"))
            if urlsplit(absolute).netloc == "testserver":
                queue.append(absolute)
    return pages


def test_sweep_of_every_public_url_finds_nothing_unpublished(client, hidden_everything):
    year = timezone.localdate().year
    pages = crawl(
        client,
        [
            "/",
            "/sitemap.xml",
            "/robots.txt",
            f"/suche/?q={SECRET}",
            "/aktuelles/feed/rss/",
            "/aktuelles/feed/atom/",
            f"/aktuelles/{year}/",
            f"/aktuelles/{year - 1}/",
            f"/aktuelles/{year + 1}/",
        ],
    )
    assert len(pages) > 15
    # The search page repeats what was searched for; it must find nothing.
    assert "haben wir nichts gefunden" in pages.pop(f"/suche/?q={SECRET}")
    leaks = [path for path, text in pages.items() if SECRET.lower() in text.lower()]
    assert leaks == []
    for obj in hidden_everything:
        assert client.get(obj.get_absolute_url()).status_code == 404, obj


# --- E. Bad requests -----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/aktuelles/?page=abc",
        "/aktuelles/?page=-1",
        "/aktuelles/?page=0",
        f"/aktuelles/?page={10**20}",
        "/aktuelles/?page=%00",
        "/aktuelles/?page=%ff%fe",
        "/aktuelles/kategorie/%ff/",
        "/staedte/%00/",
        "/aktuelles/gibt-es-nicht/",
        "/partnerschaften/gibt-es-nicht/",
        "/aktuelles/2019/99/",
    ],
)
def test_bad_requests_give_400_or_404(client, url):
    ArticleFactory()
    assert client.get(url).status_code in {400, 404}


@pytest.mark.parametrize(
    "url", ["/?x=%00", "/suche/?q=%00%ff", "/suche/?q=" + "x" * 10_000, "/mitmachen/?%ff=%fe"]
)
def test_odd_query_strings_give_a_normal_page(client, url):
    assert client.get(url).status_code == 200


def test_unknown_host_gives_400():
    client = Client(raise_request_exception=False)
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


# --- F. Faults -----------------------------------------------------------


@pytest.fixture
def app_server(transactional_db):
    """The site under gunicorn, a separate process with its own persistent connection."""
    with servers.app_server(DATABASE_URL=servers.database_url(), CONN_MAX_AGE="600") as url:
        yield url


@postgres_only
def test_site_answers_again_after_its_database_connections_are_killed(app_server):
    ArticleFactory(title="Erreichbar")
    # The feed needs the database but no collected static files.
    url = f"{app_server}/aktuelles/feed/rss/"
    assert urlopen(url).status == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1
    # No restart: the next request notices the dead connection and reconnects.
    response = urlopen(url)
    assert response.status == 200
    assert "Erreichbar" in response.read().decode()
