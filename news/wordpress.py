"""
Import a WordPress eXtended RSS export (WXR 1.0, 1.1, 1.2) into news.

The whole file is read and checked before anything is written. Each post is
then imported in its own transaction, keyed by its GUID, so an interrupted
run can simply run again; a post that staff have edited since its import is
left alone. Images come from a local copy of ``wp-content/uploads`` and go
through the same checks and re-encoding as every other upload.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from cities.models import City
from core.richtext import plain_text
from core.slugs import german_slugify, unique_slug
from core.uploads import reencode_image

from .models import Article, Category, ImportedPost, LegacyRedirect, is_allowed_slug

WXR_VERSIONS = ("1.0", "1.1", "1.2")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "pending": Article.Status.REVIEW,
    "draft": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
}
EDITOR_FOLDER = "editor/wordpress/"

_MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.IGNORECASE)
_SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?\]")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*("([^"]*)"|\'([^\']*)\')')
_BLOCK = re.compile(r"^\s*<(p|h[1-6]|ul|ol|li|blockquote|figure|table|div|hr|pre)\b", re.I)
_SIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")


class WXRError(Exception):
    """The file is not a WordPress export this importer can read safely."""


@dataclass
class Attachment:
    url: str
    caption: str = ""
    alt: str = ""


@dataclass
class Post:
    wordpress_id: int
    guid: str
    title: str
    slug: str
    link: str
    status: str
    published: datetime
    author: str
    content: str
    excerpt: str
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    thumbnail_id: int | None = None

    def fingerprint(self):
        data = repr(
            (
                self.title,
                self.slug,
                self.status,
                self.published,
                self.author,
                self.content,
                self.excerpt,
                sorted(self.terms),
                self.thumbnail_id,
            )
        )
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Export:
    posts: list
    attachments: dict
    skipped: int


def _attributes(tag):
    return {
        name.lower(): html.unescape(double if double is not None else single)
        for name, _quoted, double, single in _ATTRIBUTE.findall(tag)
    }


def read_export(path):
    """Parse and check the whole file; raise WXRError before anything is written."""
    try:
        root = parse_xml(path, forbid_dtd=True).getroot()
    except (DefusedXmlException, ParseError, OSError) as exc:
        raise WXRError(f"Die Datei ist kein lesbares, sicheres XML: {exc}") from exc
    channel = root.find("channel")
    version = next(
        (
            v
            for v in WXR_VERSIONS
            if channel is not None
            and channel.find(f"{{http://wordpress.org/export/{v}/}}wxr_version") is not None
        ),
        None,
    )
    if root.tag != "rss" or version is None:
        raise WXRError("Die Datei ist keine WordPress-Exportdatei (WXR 1.0, 1.1 oder 1.2).")
    wp = f"{{http://wordpress.org/export/{version}/}}"
    excerpt_tag = f"{{http://wordpress.org/export/{version}/excerpt/}}encoded"

    def text(element, tag):
        return (element.findtext(tag) or "").strip()

    authors = {
        text(author, f"{wp}author_login"): text(author, f"{wp}author_display_name")
        for author in channel.findall(f"{wp}author")
    }
    posts, attachments, skipped = [], {}, 0
    for item in channel.findall("item"):
        kind = text(item, f"{wp}post_type")
        meta = {
            text(entry, f"{wp}meta_key"): text(entry, f"{wp}meta_value")
            for entry in item.findall(f"{wp}postmeta")
        }
        try:
            wordpress_id = int(text(item, f"{wp}post_id"))
        except ValueError as exc:
            raise WXRError(f"Ein Eintrag „{text(item, 'title')}“ hat keine gültige ID.") from exc
        if kind == "attachment":
            attachments[wordpress_id] = Attachment(
                url=text(item, f"{wp}attachment_url"),
                caption=plain_text(item.findtext(excerpt_tag) or ""),
                alt=meta.get("_wp_attachment_image_alt", ""),
            )
            continue
        status = text(item, f"{wp}status")
        if kind != "post" or status not in STATUSES:
            skipped += 1
            continue
        login = (item.findtext(CREATOR) or "").strip()
        posts.append(
            Post(
                wordpress_id=wordpress_id,
                guid=text(item, "guid") or f"wordpress:{wordpress_id}",
                title=html.unescape(text(item, "title")) or f"Beitrag {wordpress_id}",
                slug=text(item, f"{wp}post_name"),
                link=text(item, "link"),
                status=status,
                published=_published(item, wp, wordpress_id),
                author=authors.get(login) or login,
                content=item.findtext(CONTENT) or "",
                excerpt=item.findtext(excerpt_tag) or "",
                terms=[
                    (term.get("domain", ""), term.get("nicename", ""), (term.text or "").strip())
                    for term in item.findall("category")
                ],
                thumbnail_id=int(meta["_thumbnail_id"])
                if meta.get("_thumbnail_id", "").isdigit()
                else None,
            )
        )
    return Export(posts=posts, attachments=attachments, skipped=skipped)


def _published(item, wp, wordpress_id):
    """The publish date; the GMT one where WordPress gives it, else the site's local time."""
    gmt = (item.findtext(f"{wp}post_date_gmt") or "").strip()
    local = (item.findtext(f"{wp}post_date") or "").strip()
    try:
        if gmt and not gmt.startswith("0000"):
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        if local and not local.startswith("0000"):
            return timezone.make_aware(datetime.fromisoformat(local))
    except ValueError as exc:
        raise WXRError(f"Beitrag {wordpress_id}: Datum „{gmt or local}“ ist ungültig.") from exc
    return timezone.now()


def _paragraphs(content):
    """WordPress stores paragraphs as blank lines; the site stores <p> elements."""
    blocks = re.split(r"\n\s*\n", content.replace("\r\n", "\n").strip())
    return "\n".join(
        block if _BLOCK.match(block) else f"<p>{block.strip().replace(chr(10), '<br>')}</p>"
        for block in blocks
        if block.strip()
    )


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list = field(default_factory=list)
    skipped: int = 0
    missing_images: list = field(default_factory=list)
    images_without_alt: list = field(default_factory=list)


class Importer:
    def __init__(self, export, uploads=None, dry_run=False, progress=None):
        self.export = export
        self.uploads = Path(uploads) if uploads else None
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.report = Report(skipped=export.skipped)
        self._stored = {}  # source file -> URL of its stored copy
        self.cities = {city.name.casefold(): city for city in City.objects.all()}
        self.by_url = {a.url: a for a in export.attachments.values() if a.url}

    def run(self):
        total = len(self.export.posts)
        for done, post in enumerate(self.export.posts, start=1):
            self.import_post(post)
            self.progress(done, total)
        return self.report

    # --- posts -------------------------------------------------------------

    def import_post(self, post):
        origin = ImportedPost.objects.filter(guid=post.guid).select_related("article").first()
        if origin and origin.edited_since_import():
            self.report.kept.append(origin.article.title)
            return
        fingerprint = post.fingerprint()
        if origin and origin.content_hash == fingerprint:
            self.report.unchanged += 1
            return
        if self.dry_run:
            self._check_images(post)
            self.report.updated += bool(origin)
            self.report.created += not origin
            return
        with transaction.atomic():
            article = origin.article if origin else Article()
            self._fill(article, post)
            article.save()
            self._relate(article, post)
            ImportedPost.objects.update_or_create(
                guid=post.guid,
                defaults={
                    "wordpress_id": post.wordpress_id,
                    "article": article,
                    "imported_version": article.version,
                    "content_hash": fingerprint,
                },
            )
            self._redirect(post, article)
        if origin:
            self.report.updated += 1
        else:
            self.report.created += 1

    def _fill(self, article, post):
        # The part before <!--more--> is the teaser; the page shows all of it.
        parts = _MORE.split(post.content, maxsplit=1)
        body = self._convert("\n\n".join(parts))
        teaser = plain_text(post.excerpt)
        if not teaser and len(parts) > 1:
            teaser = plain_text(_SHORTCODE.sub("", parts[0]))
        article.title = post.title[:200]
        article.body = body
        article.teaser = teaser[:500]
        article.byline = post.author[:100]
        article.status = STATUSES[post.status]
        article.publish_at = post.published
        if not article.pk:
            wanted = german_slugify(post.slug or post.title, max_length=100)
            taken = Article.objects.filter(slug=wanted).exists()
            article.slug = wanted if wanted and not taken and is_allowed_slug(wanted) else ""
            if not article.slug:
                article.slug = unique_slug(
                    article, post.slug or post.title, is_allowed=is_allowed_slug
                )
        self._main_image(article, post)

    def _relate(self, article, post):
        categories, cities = [], []
        for domain, nicename, name in post.terms:
            if domain not in {"category", "post_tag"} or not name:
                continue
            category = Category.objects.filter(name=name).first() or Category.objects.create(
                name=name, slug=self._free_category_slug(nicename or name)
            )
            categories.append(category)
            city = self.cities.get(name.casefold())
            if city:
                cities.append(city)
        article.categories.set(categories)
        article.cities.add(*cities)

    @staticmethod
    def _free_category_slug(wanted):
        slug = german_slugify(wanted)
        return "" if Category.objects.filter(slug=slug).exists() else slug

    def _redirect(self, post, article):
        new_path = article.get_absolute_url()
        old_paths = {f"/?p={post.wordpress_id}"}
        path = urlsplit(post.link).path
        if path and path != "/" and path != new_path:
            old_paths.add(path if path.endswith("/") else f"{path}/")
        for old_path in old_paths:
            LegacyRedirect.objects.update_or_create(
                old_path=old_path, defaults={"new_path": new_path}
            )
        for domain, nicename, name in post.terms:
            prefix = {"category": "category", "post_tag": "tag"}.get(domain)
            category = Category.objects.filter(name=name).first()
            if prefix and nicename and category:
                LegacyRedirect.objects.update_or_create(
                    old_path=f"/{prefix}/{nicename}/",
                    defaults={"new_path": category.get_absolute_url()},
                )

    # --- content -----------------------------------------------------------

    def _convert(self, content):
        content = _CAPTION.sub(self._caption, content)
        content = _GALLERY.sub(self._gallery, content)
        content = _SHORTCODE.sub("", content)
        content = _paragraphs(content)
        return _IMG.sub(self._image_tag, content)

    def _caption(self, match):
        attributes, inner = _attributes(match.group(1)), match.group(2)
        image = _LINKED_IMG.search(inner)
        image_tag = image.group(1) if image else (_IMG.search(inner) or [""])[0]
        caption = plain_text(_IMG.sub("", _LINKED_IMG.sub("", inner)))
        caption = html.escape(caption or attributes.get("caption", ""))
        if not image_tag:
            return caption
        return f'<figure class="image">{image_tag}<figcaption>{caption}</figcaption></figure>'

    def _gallery(self, match):
        ids = _attributes(match.group(1)).get("ids", "")
        figures = []
        for wordpress_id in re.findall(r"\d+", ids):
            attachment = self.export.attachments.get(int(wordpress_id))
            if attachment:
                source, alt = html.escape(attachment.url), html.escape(attachment.alt)
                image = f'<img src="{source}" alt="{alt}">'
                caption = (
                    f"<figcaption>{html.escape(attachment.caption)}</figcaption>"
                    if attachment.caption
                    else ""
                )
                figures.append(f'<figure class="image">{image}{caption}</figure>')
        return "\n\n".join(figures)

    def _image_tag(self, match):
        attributes = _attributes(match.group(0))
        source = attributes.get("src", "")
        url = self._store(source)
        if url is None:
            return ""
        alt = attributes.get("alt") or self._attachment_for(source).alt
        if not alt:
            self.report.images_without_alt.append(Path(urlsplit(source).path).name)
        return f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">'

    def _attachment_for(self, source):
        return (
            self.by_url.get(source)
            or self.by_url.get(_SIZED.sub("", source))
            or Attachment(url="")
        )

    def _local_file(self, source):
        marker = "wp-content/uploads/"
        if self.uploads is None or marker not in source:
            return None
        relative = urlsplit(source).path.split(marker, 1)[1]
        for candidate in (relative, _SIZED.sub("", relative)):
            path = (self.uploads / candidate).resolve()
            if path.is_file() and self.uploads.resolve() in path.parents:
                return path
        return None

    def _store(self, source):
        """The URL of our copy of an image, or None (reported) when it cannot be had."""
        if source in self._stored:
            return self._stored[source]
        path = self._local_file(source)
        url = None
        if path is not None:
            try:
                with path.open("rb") as file:
                    image = reencode_image(file)
                url = default_storage.url(default_storage.save(EDITOR_FOLDER + image.name, image))
            except ValidationError:
                url = None
        if url is None:
            self.report.missing_images.append(Path(urlsplit(source).path).name or source)
        self._stored[source] = url
        return url

    def _check_images(self, post):
        sources = [_attributes(tag).get("src", "") for tag in _IMG.findall(post.content)]
        thumbnail = self.export.attachments.get(post.thumbnail_id)
        sources += [thumbnail.url] if thumbnail else []
        for source in sources:
            if self._local_file(source) is None:
                self.report.missing_images.append(Path(urlsplit(source).path).name or source)

    def _main_image(self, article, post):
        attachment = self.export.attachments.get(post.thumbnail_id)
        if attachment is None:
            return
        path = self._local_file(attachment.url)
        if path is None:
            self.report.missing_images.append(Path(urlsplit(attachment.url).path).name)
            return
        try:
            with path.open("rb") as file:
                image = reencode_image(file)
        except ValidationError:
            self.report.missing_images.append(path.name)
            return
        article.image.save(image.name, image, save=False)
        article.image_alt = attachment.alt[:250]
        article.image_credit = attachment.caption[:200]
        if not attachment.alt:
            self.report.images_without_alt.append(path.name)
