"""Smaller copies of uploaded images, and the srcset that offers them."""

import re
from datetime import timedelta
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from core.renditions import rendition_name
from news.models import Article
from partnership.site.media import orphaned_files
from tests.factories import ArticleFactory, CityFactory, image_upload

pytestmark = pytest.mark.django_db


def stored(settings, name):
    return Path(settings.MEDIA_ROOT) / name


def with_image(size, image_format="JPEG", name="bild.jpg"):
    return ArticleFactory(
        image=image_upload(name=name, image_format=image_format, size=size),
        image_alt="Rathaus",
    )


def test_an_upload_gets_smaller_copies_in_its_format_and_as_webp(settings):
    article = with_image((1200, 675))
    name = article.image.name
    assert article.image_renditions == {"name": name, "widths": [480, 960, 1200]}
    for width in (480, 960):
        with Image.open(stored(settings, rendition_name(name, width, ".jpg"))) as copy:
            assert (copy.format, copy.size) == ("JPEG", (width, round(675 * width / 1200)))
    for width in (480, 960, 1200):
        with Image.open(stored(settings, rendition_name(name, width, ".webp"))) as copy:
            assert (copy.format, copy.width) == ("WEBP", width)


def test_the_article_page_offers_the_copies_with_width_and_height(client):
    article = with_image((1200, 675))
    html = client.get(article.get_absolute_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', picture)
    assert [entry.split()[1] for entry in webp.group(1).split(", ")] == ["480w", "960w", "1200w"]
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert f'src="{article.image.url}"' in img
    assert "-480.jpg 480w" in img and f"{article.image.url} 1200w" in img
    assert 'width="1200" height="675"' in img
    assert "loading" not in img  # the article's own image is above the fold


def test_a_very_large_original_is_never_sent(client):
    article = with_image((2000, 1000))
    assert article.image_renditions["widths"] == [480, 960, 1440]
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"{article.image.url}" not in html.split("<picture>")[1].split("</picture>")[0]
    assert rendition_name(article.image.name, 1440, ".jpg") in html


def test_teasers_below_the_first_load_lazily(client):
    for _ in range(3):
        with_image((800, 450))
    html = client.get("/aktuelles/").content.decode()
    images = re.findall(r"<img [^>]+>", html)
    assert "loading" not in images[0]
    assert all('loading="lazy"' in img and "sizes=" in img for img in images[1:])


def test_gifs_and_small_webps_are_shown_as_uploaded(client):
    article = with_image((300, 200), image_format="GIF", name="bild.gif")
    assert article.image_renditions == {"name": article.image.name, "widths": []}
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<source" not in html and "srcset" not in html
    assert f'src="{article.image.url}"' in html


def test_copies_are_made_once_and_again_for_a_new_image(settings):
    article = with_image((800, 450))
    first = article.image.name
    copy = stored(settings, rendition_name(first, 480, ".webp"))
    made = copy.stat().st_mtime_ns
    article.title = "Neuer Titel"
    article.save()
    assert copy.stat().st_mtime_ns == made
    article.image = image_upload(size=(640, 480))
    article.save()
    assert article.image_renditions == {"name": article.image.name, "widths": [480, 640]}
    assert article.image.name != first


def test_a_broken_stored_image_shows_the_original_instead_of_failing(client, settings):
    city = CityFactory(image=image_upload(size=(800, 450)), image_alt="Rathaus")
    stored(settings, city.image.name).write_bytes(b"kaputt")
    city.image_renditions = {}
    city.save()
    assert city.image_renditions == {"name": city.image.name, "widths": []}
    response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    assert f'src="{city.image.url}"' in response.content.decode()


def test_make_renditions_fills_in_images_without_copies(settings):
    article = with_image((800, 450))
    Article.objects.filter(pk=article.pk).update(image_renditions={})
    output = StringIO()
    call_command("make_renditions", stdout=output)
    article.refresh_from_db()
    assert article.image_renditions["widths"] == [480, 800]
    assert "Beiträge: 1 Bilder bearbeitet." in output.getvalue()


def test_copies_of_used_images_are_not_orphans_but_copies_of_unknown_ones_are(settings):
    with_image((800, 450))
    assert orphaned_files(min_age=timedelta(0)) == []
    stray = stored(settings, "renditions/news/article/unbekannt-480.webp")
    stray.write_bytes(b"x")
    assert orphaned_files(min_age=timedelta(0)) == ["renditions/news/article/unbekannt-480.webp"]


@pytest.mark.parametrize("mode", ["P", "LA", "RGBA"])
def test_transparent_pngs_stay_transparent(settings, mode):
    buffer = BytesIO()
    picture = Image.new("RGBA", (800, 450), (200, 80, 40, 0)).convert(mode)
    picture.save(buffer, format="PNG", **({"transparency": 0} if mode == "P" else {}))
    upload = SimpleUploadedFile("bild.png", buffer.getvalue(), content_type="image/png")
    article = ArticleFactory(image=upload, image_alt="Logo")
    name = article.image.name
    for suffix in (".png", ".webp"):
        with Image.open(stored(settings, rendition_name(name, 480, suffix))) as copy:
            assert copy.mode in ("RGBA", "LA", "P"), (suffix, copy.mode)
            assert copy.convert("RGBA").getpixel((10, 10))[3] == 0
