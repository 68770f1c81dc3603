"""
The WordPress import on small exports written here, each with one feature
of the files WordPress 6.x and WordPress.com write.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DataError
from PIL import Image

from news.models import Article, Category, ImportedPost, LegacyRedirect
from news.wordpress import Importer, WXRFile

pytestmark = pytest.mark.django_db

NAMESPACE = "http://wordpress.org/export/1.2/"


def wxr(*items, namespace=NAMESPACE, version="1.2", channel=""):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="{namespace}excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="{namespace}"
>
<channel>
	<title>Partnerschaften</title>
	<link>https://blog.bochum.example</link>
	<wp:wxr_version>{version}</wp:wxr_version>
	<wp:base_site_url>https://blog.bochum.example</wp:base_site_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[presse]]></wp:author_login><wp:author_display_name><![CDATA[Presseamt]]></wp:author_display_name></wp:author>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mmuster]]></wp:author_login><wp:author_display_name><![CDATA[]]></wp:author_display_name></wp:author>
	{channel}
	{"".join(items)}
</channel>
</rss>
"""


def item(
    wordpress_id,
    title="Beitrag",
    content="Text.",
    *,
    slug=None,
    status="publish",
    kind="post",
    guid=None,
    date="2024-03-01 09:00:00",
    link=None,
    author="presse",
    password="",
    sticky=0,
    parent=0,
    terms="",
    extra="",
):
    slug = f"beitrag-{wordpress_id}" if slug is None else slug
    link = link or f"https://blog.bochum.example/2024/03/01/{slug}/"
    guid = guid or f"https://blog.bochum.example/?p={wordpress_id}"
    return f"""
	<item>
		<title><![CDATA[{title}]]></title>
		<link>{link}</link>
		<dc:creator><![CDATA[{author}]]></dc:creator>
		<guid isPermaLink="false">{guid}</guid>
		<description></description>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{wordpress_id}</wp:post_id>
		<wp:post_date><![CDATA[{date}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[{slug}]]></wp:post_name>
		<wp:status><![CDATA[{status}]]></wp:status>
		<wp:post_parent>{parent}</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[{kind}]]></wp:post_type>
		<wp:post_password><![CDATA[{password}]]></wp:post_password>
		<wp:is_sticky>{sticky}</wp:is_sticky>
		{terms}
		{extra}
	</item>"""


def attachment(wordpress_id, url, parent=0, alt="Ein Bild", caption=""):
    return f"""
	<item>
		<title><![CDATA[Bild {wordpress_id}]]></title>
		<guid isPermaLink="false">{url}</guid>
		<excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
		<wp:post_id>{wordpress_id}</wp:post_id>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:post_parent>{parent}</wp:post_parent>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
		<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>
	</item>"""


def term(domain, nicename, name):
    return f'<category domain="{domain}" nicename="{nicename}"><![CDATA[{name}]]></category>'


@pytest.fixture
def export(tmp_path):
    def write(*items, **options):
        path = tmp_path / "export.xml"
        path.write_text(wxr(*items, **options), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads" / "2013" / "03"
    folder.mkdir(parents=True)
    for name, colour in [("rathaus.jpg", "teal"), ("markt.jpg", "olive"), ("hafen.jpg", "navy")]:
        Image.new("RGB", (800, 450), colour).save(folder / name)
    return str(tmp_path / "uploads")


def run_import(path, **options):
    output = StringIO()
    call_command("import_wordpress", path, stdout=output, **options)
    return output.getvalue()


def imported(wordpress_id):
    return ImportedPost.objects.get(wordpress_id=wordpress_id).article


def test_a_password_protected_post_stays_a_draft_and_is_named(export):
    report = run_import(export(item(1, "Nur für den Vorstand", password="geheim")))
    article = imported(1)
    assert article.status == Article.Status.DRAFT
    assert not Article.objects.published().exists()
    assert "1 „Nur für den Vorstand“ (passwortgeschützt)" in report


def test_a_wordpress_com_export_with_an_https_namespace_is_read(export):
    path = export(item(1, "Von WordPress.com"), namespace="https://wordpress.org/export/1.2/")
    assert "Angelegt: 1" in run_import(path)
    assert imported(1).title == "Von WordPress.com"


def test_a_nonsense_wxr_version_is_refused(export):
    with pytest.raises(CommandError, match="ungültige WXR-Version „abc“"):
        run_import(export(item(1), version="abc"))
    assert not Article.objects.exists()


def test_block_editor_content_keeps_its_paragraphs_lists_and_tables(export):
    content = (
        "<!-- wp:paragraph -->\n<p>Erster Absatz.</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:list -->\n<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n<!-- /wp:list -->\n\n"
        '<!-- wp:table -->\n<figure class="wp-block-table"><table>\n<tbody>\n<tr>\n'
        "<td>A</td>\n<td>B</td>\n</tr>\n</tbody>\n</table></figure>\n<!-- /wp:table -->"
    )
    run_import(export(item(1, content=content)))
    body = imported(1).body
    assert body.startswith("<p>Erster Absatz.</p>\n<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>")
    assert "<tr>\n<td>A</td>\n<td>B</td>\n</tr>" in body
    assert body.count("<p>") == 1 and "<br>" not in body


def test_classic_text_followed_by_a_list_gets_no_stray_breaks(export):
    content = "Unsere Partnerstädte:\n<ul>\n\t<li>Sheffield</li>\n\t<li>Tsukuba</li>\n</ul>"
    run_import(export(item(1, content=content)))
    body = imported(1).body
    assert body.startswith("<p>Unsere Partnerstädte:</p>")
    assert "<br>" not in body


def test_images_of_a_wordpress_com_blog_are_found_by_their_month_path(export, uploads):
    content = (
        '<img src="https://staedte.files.wordpress.com/2013/03/rathaus.jpg?w=640" alt="Rathaus">'
    )
    report = run_import(export(item(1, content=content)), uploads=uploads)
    assert "Fehlende Bilder: 0" in report
    assert 'src="/media/editor/wordpress/wp-' in imported(1).body


def test_posts_sharing_a_guid_both_come_over_and_keep_their_own_addresses(export, client):
    guid = "https://blog.bochum.example/?p=1"
    path = export(item(1, "Erster", guid=guid), item(2, "Zweiter", guid=guid))
    assert "Angelegt: 2" in run_import(path)
    assert client.get("/?p=1")["Location"] == imported(1).get_absolute_url()
    assert client.get("/?p=2")["Location"] == imported(2).get_absolute_url()
    assert "Unverändert: 2" in run_import(path)


def test_a_tag_of_173_characters_is_shortened_and_reported_and_the_dry_run_says_so(export):
    long_tag = " ".join(["Städtepartnerschaftsjubiläum"] * 6)[:173]
    assert len(long_tag) == 173
    path = export(
        item(1, "Erster"),
        item(2, "Mit langem Schlagwort", terms=term("post_tag", "lang", long_tag)),
    )
    dry = run_import(path, dry_run=True)
    assert not Article.objects.exists()
    report = run_import(path)
    assert dry.split("\n", 1)[1] == report
    assert "Angelegt: 2" in report and "Schlagwort auf 100 Zeichen gekürzt" in report
    (category,) = imported(2).categories.all()
    assert len(category.name) <= 100 and category.name.endswith("…")


def test_percent_encoded_slugs_give_readable_slugs_and_their_old_addresses_redirect(
    export, client
):
    japanese = "%e6%97%a5%e6%9c%ac%e3%81%ae%e5%8f%8b%e3%81%a0%e3%81%a1"  # 日本の友だち
    cyrillic = "%d0%b4%d0%be%d0%bd%d0%b5%d1%86%d1%8c%d0%ba"  # донецьк
    run_import(
        export(
            item(1, "日本の友だち", slug=japanese),
            item(2, "Донецьк", slug=cyrillic),
            item(3, "ツクバ", slug=""),
            item(4, "Привіт з Донецька", slug=""),
        )
    )
    assert imported(1).slug == "beitrag-1"
    assert imported(2).slug == "donetsk"
    assert imported(3).slug == "beitrag-3"
    assert imported(4).slug == "pryvit-z-donetska"
    for wordpress_id, slug in [(1, japanese), (2, cyrillic)]:
        response = client.get(f"/2024/03/01/{slug}/")
        assert response.status_code == 301
        assert response["Location"] == imported(wordpress_id).get_absolute_url()


def test_galleries_without_ids_show_the_posts_attached_images(export, uploads):
    base = "https://blog.bochum.example/wp-content/uploads/2013/03/"
    report = run_import(
        export(
            item(1, content="Vorher.\n\n[gallery]\n\nNachher."),
            item(2, content='[gallery ids="11,99"]'),
            attachment(10, base + "rathaus.jpg", parent=1),
            attachment(11, base + "markt.jpg", parent=1),
            attachment(12, base + "hafen.jpg", parent=2),
        ),
        uploads=uploads,
    )
    assert imported(1).body.count("<figure") == 2
    assert imported(2).body.count("<figure") == 1
    assert "2 „Beitrag“: Galeriebild 99 fehlt in der Exportdatei" in report


def test_markup_the_site_lacks_takes_its_nearest_allowed_form(export):
    content = (
        "<h1>Groß</h1>\n<h5>Klein</h5>\n<h6>Kleiner</h6>\n"
        "Termin: <del>3. Mai</del> <ins>4. Mai</ins>, <strike>alt</strike>\n\n"
        "<dl><dt>Ort</dt><dd>Rathaus</dd></dl>\n\n"
        "<pre>Zeile eins\nZeile zwei</pre>\n\n"
        "Er schrieb [sic] und [Update] folgte.\n\n"
        '[contact-form-7 id="5"]\n\n'
        "https://www.youtube.com/watch?v=abc\n\n"
        '[embed]https://vimeo.com/123[/embed]\n\n<iframe src="https://maps.example/karte" '
        'title="Stadtplan"></iframe>\n\n[audio mp3="https://blog.bochum.example/gruss.mp3"]'
        "<script>alert(1)</script>"
    )
    report = run_import(export(item(1, content=content)))
    body = imported(1).body
    assert "<h2>Groß</h2>" in body and "<h4>Klein</h4>" in body and "<h4>Kleiner</h4>" in body
    assert "<s>3. Mai</s> 4. Mai, <s>alt</s>" in body
    assert "<p><strong>Ort</strong></p>\n<p>Rathaus</p>" in body
    assert "<pre>Zeile eins\nZeile zwei</pre>" in body
    assert "[sic]" in body and "[Update]" in body and "contact-form" not in body
    assert (
        '<a href="https://www.youtube.com/watch?v=abc" rel="noopener noreferrer">youtube.com</a>'
        in body
    )
    assert '<a href="https://vimeo.com/123" rel="noopener noreferrer">vimeo.com</a>' in body
    assert '<a href="https://maps.example/karte" rel="noopener noreferrer">Stadtplan</a>' in body
    assert (
        '<a href="https://blog.bochum.example/gruss.mp3" rel="noopener noreferrer">gruss.mp3</a>'
        in body
    )
    assert "<p></p>" not in body and "alert" not in body
    assert '1 „Beitrag“: entfernt: [contact-form-7 id="5"]' in report
    assert "1 „Beitrag“: entfernt: <script>" in report


def test_a_post_trashed_after_the_import_is_withdrawn_on_the_next_run(export, client):
    run_import(export(item(1, "Bald gelöscht"), item(2, "Bleibt")))
    url = imported(1).get_absolute_url()
    assert client.get(url).status_code == 200

    report = run_import(export(item(1, "Bald gelöscht", status="trash"), item(2, "Bleibt")))

    assert "Zurückgezogen, weil in WordPress im Papierkorb: 1\n  1 „Bald gelöscht“" in report
    assert imported(1).status == Article.Status.WITHDRAWN
    assert client.get(url).status_code == 404
    assert imported(1).history.first().history_change_reason == "Import"


def test_the_report_counts_what_does_not_come_over(export):
    comment = "<wp:comment><wp:comment_id>{}</wp:comment_id></wp:comment>"
    report = run_import(
        export(
            item(1, extra=comment.format(1) + comment.format(2)),
            item(2, "Oben", sticky=1),
            item(3, "Über uns", kind="page"),
            item(4, "Startseite", kind="nav_menu_item"),
            item(5, "Übersetzt", extra=term("language", "en", "English")),
        )
    )
    assert "Kommentare werden nicht übernommen: 2" in report
    assert "Seiten übernommen: 1\n  3 „Über uns“" in report
    assert "Menüeinträge werden nicht übernommen: 1" in report
    assert "In WordPress oben gehalten, hier ohne diese Markierung: 1\n  2 „Oben“" in report
    assert "mehrsprachigen WordPress-Website" in report


def test_a_post_without_a_date_is_not_updated_on_every_run(export):
    path = export(item(1, status="draft", date="0000-00-00 00:00:00"))
    run_import(path)
    assert "Unverändert: 1" in run_import(path)


def test_names_titles_and_bylines_read_as_on_the_old_site(export):
    run_import(
        export(
            item(
                1,
                "Bochum &amp; <em>Tsukuba</em>",
                author="mmuster",
                terms=term("category", "kunst-kultur", "Kunst &amp; Kultur")
                + term("post_tag", "kunst-kultur-2", "kunst &amp; kultur"),
            )
        )
    )
    article = imported(1)
    assert article.title == "Bochum & Tsukuba"
    assert article.byline == "Redaktion"
    assert list(article.categories.values_list("name", flat=True)) == ["Kunst & Kultur"]
    assert Category.objects.count() == 1


def test_a_featured_image_shared_by_posts_is_stored_once_also_on_a_rerun(
    export, uploads, settings
):
    image = attachment(10, "https://blog.bochum.example/wp-content/uploads/2013/03/rathaus.jpg")
    thumbnail = (
        "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
        "<wp:meta_value>10</wp:meta_value></wp:postmeta>"
    )
    posts = [item(n, f"Beitrag {n}", extra=thumbnail) for n in (1, 2, 3)]
    run_import(export(image, *posts), uploads=uploads)
    run_import(export(image, *posts, item(4, extra=thumbnail)), uploads=uploads)

    assert len({article.image.name for article in Article.objects.all()}) == 1
    originals = list((settings.MEDIA_ROOT / "news" / "article").iterdir())
    assert len(originals) == 1


def test_old_permalinks_without_a_slash_and_child_category_paths_redirect(export, client):
    categories = (
        "<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>partner</wp:category_nicename>"
        "<wp:category_parent></wp:category_parent><wp:cat_name>Partner</wp:cat_name></wp:category>"
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>sheffield</wp:category_nicename>"
        "<wp:category_parent>partner</wp:category_parent><wp:cat_name>Sheffield</wp:cat_name>"
        "</wp:category>"
    )
    run_import(
        export(
            item(1, slug="besuch", terms=term("category", "sheffield", "Sheffield")),
            channel=categories,
        )
    )
    article = imported(1)
    response = client.get("/2024/03/01/besuch")
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()
    category = client.get("/category/partner/sheffield/")
    assert category.status_code == 301
    assert category["Location"] == Category.objects.get(name="Sheffield").get_absolute_url()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "leer, abgeschnitten oder fehlerhaft (Zeile 1, Zeichen 0)"),
        ("<rss><channel>", "leer, abgeschnitten oder fehlerhaft"),
    ],
    ids=["empty", "cut-off"],
)
def test_unreadable_files_are_explained_in_german(tmp_path, content, message):
    path = tmp_path / "export.xml"
    path.write_text(content)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_import(str(path))


def test_a_missing_file_is_explained_in_german(tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        run_import(str(tmp_path / "fehlt.xml"))


def test_changes_are_recorded_in_history_as_import(export):
    run_import(export(item(1)))
    assert imported(1).history.get().history_change_reason == "Import"


def test_an_old_address_too_long_for_a_redirect_is_reported_and_the_post_imported(export):
    long_link = "https://blog.bochum.example/" + "a" * 600 + "/"
    report = run_import(export(item(1, link=long_link), item(2)))
    assert "Angelegt: 2" in report
    assert "1 „Beitrag“: alte Adresse zu lang für eine Weiterleitung" in report


def test_a_post_the_database_refuses_is_rolled_back_reported_and_the_others_imported(
    export, monkeypatch
):
    save = Article.save

    def refuse_one(article, *args, **kwargs):
        save(article, *args, **kwargs)
        if article.title == "Kaputt":
            raise DataError("value too long for type character varying(100)")

    monkeypatch.setattr(Article, "save", refuse_one)
    report = run_import(export(item(1, "Kaputt"), item(2, "Heil")))
    assert "Angelegt: 1" in report
    assert (
        "Nicht übernommen wegen Fehlern: 1\n  1 „Kaputt“: die Datenbank hat ihn abgelehnt"
        in report
    )
    assert list(Article.objects.values_list("title", flat=True)) == ["Heil"]
    assert not LegacyRedirect.objects.filter(old_path="/?p=1").exists()


def test_pages_go_to_a_page_writer_when_one_is_given(export):
    written = []

    def write_page(post, body, notes):
        written.append((post.wordpress_id, post.parent, body))
        return "/ueber-uns/"

    path = export(
        item(3, "Über uns", "Wir.", kind="page", link="https://blog.bochum.example/ueber-uns/")
    )
    report = Importer(WXRFile(path), write_page=write_page).run()

    assert written == [(3, 0, "<p>Wir.</p>")]
    assert report.pages == []
    assert LegacyRedirect.objects.get(old_path="/?page_id=3").new_path == "/ueber-uns/"


def test_an_interrupted_import_keeps_the_posts_it_finished(export):
    def interrupt_after_the_first(done, total):
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Importer(WXRFile(export(item(1), item(2))), progress=interrupt_after_the_first).run()

    assert list(ImportedPost.objects.values_list("wordpress_id", flat=True)) == [1]


def test_a_post_imported_before_posts_were_known_by_id_is_found_by_its_guid(export):
    run_import(export(item(1, "Früher importiert")))
    ImportedPost.objects.update(site="", content_hash="von damals")
    article = imported(1)

    assert "Aktualisiert: 1" in run_import(export(item(1, "Früher importiert")))

    origin = ImportedPost.objects.get()
    assert origin.article == article and origin.site == "https://blog.bochum.example"
