from pathlib import Path
from xml.sax.saxutils import escape

from django.core.management.base import BaseCommand
from PIL import Image

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Beispielblog</title>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://blog.bochum.example</wp:base_site_url>
	<wp:author><wp:author_login><![CDATA[presse]]></wp:author_login><wp:author_display_name><![CDATA[Presseamt]]></wp:author_display_name></wp:author>
"""
ITEM = """	<item>
		<title><![CDATA[{title}]]></title>
		<link>https://blog.bochum.example/{year}/03/01/beispiel-{number}/</link>
		<dc:creator><![CDATA[presse]]></dc:creator>
		<guid isPermaLink="false">https://blog.bochum.example/?p={number}</guid>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{number}</wp:post_id>
		<wp:post_date_gmt><![CDATA[{year}-03-01 09:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[beispiel-{number}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[{kind}]]></wp:post_type>
		{extra}
	</item>
"""
IMAGES = 6
UPLOADS = "https://blog.bochum.example/wp-content/uploads/2013/03/"
PARAGRAPH = (
    "Die Städtepartnerschaft lebt von Begegnungen: Schulklassen, Vereine und "
    "Verwaltungen besuchen einander, tauschen Erfahrungen aus und planen gemeinsame "
    "Projekte für die kommenden Jahre."
)


class Command(BaseCommand):
    help = (
        "Schreibt eine erfundene WordPress-Exportdatei zum Messen des Imports: "
        "Beiträge im klassischen und im Block-Editor, Schlagwörter, sechs Bilder, die "
        "jeder zehnte Beitrag als Beitragsbild nutzt."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="die zu schreibende WXR-Datei")
        parser.add_argument("--posts", type=int, default=5000, help="Zahl der Beiträge")
        parser.add_argument(
            "--megabytes", type=int, default=5, help="ungefähre Größe der Datei in MB"
        )
        parser.add_argument("--uploads", help="hier die sechs Bilder als wp-content/uploads")

    def handle(self, *args, export, posts, megabytes, uploads, **options):
        if uploads:
            folder = Path(uploads) / "2013" / "03"
            folder.mkdir(parents=True, exist_ok=True)
            for number in range(IMAGES):
                Image.new("RGB", (1600, 900), (40 * number, 90, 120)).save(
                    folder / f"bild-{number}.jpg"
                )
        # About 900 bytes of each item are its fields; the rest is text.
        per_post = megabytes * 1024 * 1024 // posts - 900
        paragraphs = max(1, per_post // (len(PARAGRAPH.encode()) + 30))
        with open(export, "w", encoding="utf-8") as file:
            file.write(HEADER)
            for number in range(IMAGES):
                file.write(
                    ITEM.format(
                        title=f"Bild {number}",
                        year=2013,
                        number=number + 1,
                        content="",
                        kind="attachment",
                        extra=f"<wp:attachment_url>{UPLOADS}bild-{number}.jpg"
                        "</wp:attachment_url><wp:postmeta><wp:meta_key>"
                        "_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Blick auf "
                        "das Rathaus</wp:meta_value></wp:postmeta>",
                    )
                )
            for number in range(100, 100 + posts):
                file.write(self.post(number, paragraphs))
            file.write("</channel>\n</rss>\n")
        self.stdout.write(f"{posts} Beiträge geschrieben: {export}")

    def post(self, number, paragraphs):
        if number % 2:
            body = "\n\n".join(f"{PARAGRAPH}\nZeile {line}." for line in range(paragraphs))
        else:
            body = "\n\n".join(
                f"<!-- wp:paragraph -->\n<p>{PARAGRAPH}</p>\n<!-- /wp:paragraph -->"
                for _line in range(paragraphs)
            )
        tags = "".join(
            f'<category domain="post_tag" nicename="thema-{tag}"><![CDATA[Thema {tag}]]>'
            "</category>"
            for tag in (number % 40, number % 7 + 40)
        )
        # Every tenth post has a featured image, as on the blogs measured.
        thumbnail = (
            "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
            f"<wp:meta_value>{number % IMAGES + 1}</wp:meta_value></wp:postmeta>"
            if number % 10 == 0
            else ""
        )
        return ITEM.format(
            title=escape(f"Beispielbeitrag {number}"),
            year=2010 + number % 15,
            number=number,
            content=body,
            kind="post",
            extra=tags + thumbnail,
        )
