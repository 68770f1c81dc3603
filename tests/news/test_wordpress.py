"""The WordPress import, on an export written for these tests."""

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from PIL import Image

from news.models import Article, Category, ImportedPost, LegacyRedirect
from tests.factories import ArticleFactory, CityFactory, article_form

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "wordpress" / "export.xml"


@pytest.fixture
def uploads(tmp_path):
    """A local copy of wp-content/uploads with the one image that exists."""
    folder = tmp_path / "uploads" / "2019" / "12"
    folder.mkdir(parents=True)
    Image.new("RGB", (1200, 675), "teal").save(folder / "tsukuba.jpg")
    return tmp_path / "uploads"


@pytest.fixture
def cities():
    return {name: CityFactory(name=name) for name in ("Tsukuba", "Nordhausen", "Sheffield")}


def run_import(*args, **options):
    output = StringIO()
    call_command("import_wordpress", *args, stdout=output, **options)
    return output.getvalue()


def imported(wordpress_id):
    return ImportedPost.objects.get(wordpress_id=wordpress_id).article


def test_posts_are_imported_with_their_status(uploads, cities):
    report = run_import(str(EXPORT), uploads=str(uploads))

    assert "Angelegt: 6" in report
    assert "Im Papierkorb, nicht übernommen: 1" in report
    assert "Seiten übernommen: 1\n  2 „Impressum“" in report
    # /impressum/ is the site's own: the page takes the next free slug.
    assert (
        "Seite 2 „Impressum“: Kurzname „impressum-2“, weil „impressum“ eine Adresse der Website"
        in report
    )
    assert "Nicht öffentlich übernommen (als Entwurf): 1\n  106 „Privat“ (privat)" in report
    assert imported(101).status == Article.Status.PUBLISHED
    assert imported(103).status == Article.Status.PUBLISHED  # future
    assert imported(104).status == Article.Status.REVIEW  # pending
    assert imported(105).status == Article.Status.DRAFT
    assert imported(106).status == Article.Status.DRAFT  # private
    assert not Article.objects.filter(title="Im Papierkorb").exists()


def test_dates_keep_their_time_zone_and_future_posts_are_scheduled(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    assert imported(101).publish_at == datetime(2019, 12, 3, 8, 0, tzinfo=UTC)
    scheduled = imported(103)
    assert scheduled.publish_at.year == 2099 and not scheduled.is_published()
    # Without a GMT date the site's local time applies (Berlin, summer time).
    assert imported(104).publish_at == datetime(2019, 6, 1, 8, 0, tzinfo=UTC)


def test_byline_comes_from_the_authors_display_name_and_no_accounts_are_made(uploads, cities):
    from django.contrib.auth import get_user_model

    run_import(str(EXPORT), uploads=str(uploads))
    assert imported(101).byline == "Presseamt"
    assert not get_user_model().objects.exists()


def test_slugs_are_kept_where_free_and_reserved_words_avoided(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    assert imported(101).slug == "staedtepartnerschaft-der-wissensstaedte"
    assert imported(105).slug != "feed"
    assert imported(104).slug == "bitte-pruefen-schueleraustausch"


def test_teaser_is_split_at_more_or_taken_from_the_excerpt(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    first = imported(101)
    assert first.teaser.startswith("Am 25.11.2019 schloss Bochum")
    assert "Am 25.11.2019" in first.body and "8.000 promovierte" in first.body
    assert "<!--more" not in first.body
    assert imported(102).teaser == "Tsukuba und Bochum wollen eine Partnerschaft schließen."


def test_paragraphs_become_html(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    body = imported(102).body
    assert body.startswith("<p>Tsukuba und Bochum")
    assert "<br>\nAm lebendigsten" in body


def test_shortcodes_become_html_or_disappear(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    first = imported(101).body
    assert '<figure class="image"><img' in first
    assert "<figcaption>Rathaus von Tsukuba (Foto: Stadt Tsukuba)</figcaption>" in first
    for article in Article.objects.all():
        assert "[caption" not in article.body and "[gallery" not in article.body
        assert "[embed" not in article.body and "[/" not in article.body
    assert '<figure class="image"><img' in imported(103).body  # gallery


def test_images_are_copied_reencoded_and_rewritten_with_alt_text(uploads, cities, settings):
    run_import(str(EXPORT), uploads=str(uploads))
    first = imported(101)
    sources = first.body.split('src="')[1:]
    assert sources and all(src.startswith("/media/editor/wordpress/") for src in sources)
    assert 'alt="Rathaus von Tsukuba"' in first.body
    assert "partnerschaften.example.org" not in first.body
    stored = Path(settings.MEDIA_ROOT) / sources[0].split('"')[0].removeprefix("/media/")
    assert stored.exists()
    # The main image comes from the featured image, with its alt text; its
    # caption is no credit and is reported instead.
    assert first.image and first.image_alt == "Rathaus von Tsukuba"
    assert first.image_credit == ""


def test_a_missing_image_is_reported_by_name_and_the_post_still_imported(uploads, cities):
    report = run_import(str(EXPORT), uploads=str(uploads))
    assert "nicht gefunden oder unlesbar: fehlt.jpg" in report
    assert "Verlorenes Bild" not in imported(101).body
    assert "Tsukuba hat 250.000 Einwohner" in imported(101).body


def test_categories_and_tags_become_categories_and_name_cities(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    first, second = imported(101), imported(102)
    assert set(first.categories.values_list("name", flat=True)) == {
        "Städtepartnerschaften",
        "Tsukuba",
    }
    assert list(first.cities.all()) == [cities["Tsukuba"]]
    assert list(second.cities.all()) == [cities["Nordhausen"]]
    assert Category.objects.get(name="Städtepartnerschaften").slug == "staedtepartnerschaften"


def test_old_permalinks_redirect_permanently(client, uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    article = imported(101)
    for old in ["/2019/12/03/staedtepartnerschaft-der-wissensstaedte/", "/?p=101"]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()
    category = client.get("/category/staedtepartnerschaften/")
    assert category.status_code == 301
    assert category["Location"] == "/aktuelles/kategorie/staedtepartnerschaften/"
    assert client.get("/?p=99999").status_code == 200  # unknown id: the home page
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_second_run_changes_nothing(uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    counts = (Article.objects.count(), Category.objects.count(), LegacyRedirect.objects.count())
    versions = dict(Article.objects.values_list("pk", "version"))

    report = run_import(str(EXPORT), uploads=str(uploads))

    assert "Angelegt: 0" in report and "Unverändert: 6" in report
    assert (Article.objects.count(), Category.objects.count(), LegacyRedirect.objects.count()) == (
        counts
    )
    assert dict(Article.objects.values_list("pk", "version")) == versions


def test_a_rerun_updates_unedited_posts_and_keeps_edited_ones(
    uploads, cities, admin_client, tmp_path
):
    run_import(str(EXPORT), uploads=str(uploads))
    edited = imported(102)
    admin_client.post(
        f"/admin/news/article/{edited.pk}/change/",
        article_form(edited, title="Von der Redaktion überarbeitet", status=edited.status),
    )
    assert Article.objects.get(pk=edited.pk).title == "Von der Redaktion überarbeitet"
    changed = tmp_path / "export.xml"
    changed.write_text(
        EXPORT.read_text()
        .replace("Noch nicht fertig.", "Jetzt fertig.")
        .replace("Am lebendigsten", "Besonders lebendig")
    )

    report = run_import(str(changed), uploads=str(uploads))

    assert "Aktualisiert: 1" in report
    assert (
        "102 „Städtepartnerschaft Bochum – Tsukuba“, jetzt „Von der Redaktion überarbeitet“"
        in report
    )
    assert imported(105).body == "<p>Jetzt fertig.</p>"
    assert "Besonders lebendig" not in Article.objects.get(pk=edited.pk).body


def test_dry_run_reports_and_writes_nothing(uploads, cities, settings):
    report = run_import(str(EXPORT), uploads=str(uploads), dry_run=True)
    assert "Probelauf" in report and "Angelegt: 6" in report
    assert "fehlt.jpg" in report
    assert not Article.objects.exists() and not LegacyRedirect.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.jpg"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<rss><channel><item>", "kein lesbares"),
        ('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "keine WordPress"),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<rss>&b;</rss>",
            "Dokumenttyp",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            "<rss>&x;</rss>",
            "Dokumenttyp",
        ),
        ("das ist kein XML", "kein lesbares"),
    ],
    ids=["malformed", "not-wxr", "entity-bomb", "external-entity", "text"],
)
def test_bad_files_give_a_clear_error_and_write_nothing(tmp_path, content, message):
    export = tmp_path / "export.xml"
    export.write_text(content)
    with pytest.raises(CommandError, match=message):
        run_import(str(export))
    assert not Article.objects.exists()


def test_a_post_with_a_broken_date_is_reported_and_the_others_imported(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(EXPORT.read_text().replace("2019-05-26 09:00:00", "gestern mittag"))
    report = run_import(str(export))
    assert "Nicht übernommen wegen Fehlern: 1" in report
    assert "das Datum „gestern mittag“ ist ungültig" in report
    assert Article.objects.count() == 5


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_older_wxr_versions_are_read(tmp_path, version, cities):
    export = tmp_path / "export.xml"
    export.write_text(EXPORT.read_text().replace("export/1.2/", f"export/{version}/"))
    assert "Angelegt: 6" in run_import(str(export))


def test_the_seed_posts_read_as_the_site_shows_them(client, uploads, cities):
    run_import(str(EXPORT), uploads=str(uploads))
    html = client.get("/aktuelles/").content.decode()
    assert "Städtepartnerschaft der Wissensstädte" in html
    assert "Städtepartnerschaft Bochum – Tsukuba" in html
    assert "Weiterlesen" in html


def test_image_paths_cannot_leave_the_uploads_folder(tmp_path, uploads, cities):
    secret = uploads.parent / "geheim.jpg"
    Image.new("RGB", (10, 10)).save(secret)
    export = tmp_path / "export.xml"
    export.write_text(
        EXPORT.read_text().replace("uploads/2019/12/fehlt.jpg", "uploads/../geheim.jpg")
    )
    report = run_import(str(export), uploads=str(uploads))
    assert "nicht gefunden oder unlesbar: geheim.jpg" in report


def record(site, wordpress_id, guid):
    return ImportedPost.objects.create(
        site=site,
        wordpress_id=wordpress_id,
        guid=guid,
        article=ArticleFactory(),
        imported_version=1,
        content_hash="",
    )


def test_records_of_imports_before_sites_were_kept_may_share_an_id():
    # Two blogs imported before the site was recorded: both keep their rows.
    record("", 7, "https://eins.example/?p=7")
    record("", 7, "https://zwei.example/?p=7")
    record("https://eins.example", 8, "https://eins.example/?p=8")
    with pytest.raises(IntegrityError), transaction.atomic():
        record("https://eins.example", 8, "https://eins.example/?p=8-kopie")
    assert ImportedPost.objects.count() == 3
