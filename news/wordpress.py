"""
Import a WordPress eXtended RSS export (WXR, as WordPress 3 to 6 and
WordPress.com write it) into news.

The file is read twice and never held whole: the first pass checks every
item (dates, IDs, lengths, references) and counts what will not come over,
the second imports the posts, each in its own transaction. A post is known
by its ID within its site, so an interrupted run can simply run again; a
post that staff have edited since its import is left alone. A dry run is
the same import rolled back, so it predicts exactly what the import does.
Images come from a local copy of ``wp-content/uploads`` and go through the
same checks and re-encoding as every other upload; each source image is
stored once, however many posts and runs use it.
"""

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone

from cities.models import City
from core.richtext import plain_text
from core.slugs import slugify_in
from core.uploads import reencode_image

from .models import Article, Category, ImportedPost, LegacyRedirect, is_allowed_slug

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# WordPress's own importer reads whatever URI the prefix is bound to and
# falls back to this one.
DEFAULT_WP_NAMESPACE = "http://wordpress.org/export/1.1/"
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "pending": Article.Status.REVIEW,
    "draft": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
}
# Never the author's login: it names an account, not a person.
DEFAULT_BYLINE = "Redaktion"
CHANGE_REASON = "Import"
EDITOR_FOLDER = "editor/wordpress/"
MAIN_IMAGE_FOLDER = "news/article/"
# What core.uploads.reencode_image names its files.
STORED_SUFFIXES = (".jpg", ".png", ".gif", ".webp")
# Shortcodes WordPress itself registers, and those of the most widespread
# plugins; any other [word] is text, such as [sic] or [Update].
SHORTCODES = {
    "audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption",
    "contact-form", "contact-form-7", "wpforms", "ninja_form", "gravityform",
}  # fmt: skip
# Elements whose content cannot be shown on the site; what they held is named
# in the report.
DROPPED_ELEMENTS = "script|style|noscript|form|object|embed|svg|canvas|select|textarea|button|map"
# Markers of WPML and Polylang, whose translations the import cannot pair.
MULTILINGUAL_META = ("_icl_", "_wpml_")
MULTILINGUAL_DOMAINS = {"language", "post_translations", "term_language"}

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.I | re.S)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.IGNORECASE)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
_MEDIA = re.compile(r"\[(audio|video)([^\]]*)\](?:.*?\[/\1\])?", re.IGNORECASE | re.DOTALL)
_SHORTCODE = re.compile(r"\[/?([a-zA-Z][\w-]*)(?:\s[^\]]*)?\]")
_BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.IGNORECASE | re.DOTALL)
_MEDIA_ELEMENT = re.compile(r"<(video|audio)\b([^>]*)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_DROPPED = re.compile(rf"<({DROPPED_ELEMENTS})\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*("([^"]*)"|\'([^\']*)\')')
_SIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
# Uploads are stored by month: …/2013/03/x.jpg, whatever the host.
_MONTH_PATH = re.compile(r"/(\d{4}/\d{2}/[^/]+)$")
_VERSION = re.compile(r"^\d+\.\d+$")
# The nearest form the site's rich text allows.
_RENAMED = [
    (re.compile(r"<(/?)h1\b", re.I), r"<\1h2"),
    (re.compile(r"<(/?)h[56]\b", re.I), r"<\1h4"),
    (re.compile(r"<(/?)(?:del|strike)\b", re.I), r"<\1s"),
    (re.compile(r"</?ins\b[^>]*>", re.I), ""),
    (re.compile(r"<dt\b[^>]*>(.*?)</dt>", re.I | re.S), r"<p><strong>\1</strong></p>"),
    (re.compile(r"<dd\b[^>]*>(.*?)</dd>", re.I | re.S), r"<p>\1</p>"),
    (re.compile(r"</?dl\b[^>]*>", re.I), ""),
]

# wpautop (wp-includes/formatting.php), the rules WordPress shows posts by.
_ALLBLOCKS = (
    "(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    "|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    "|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_PRE_PLACEHOLDER = "<pre wp-pre-tag-{}></pre>"
_NEWLINE_PLACEHOLDER = " <!-- wpnl --> "


class WXRError(Exception):
    """The file is not a WordPress export this importer can read safely."""


class ItemError(Exception):
    """One item cannot be imported; the others can."""


@dataclass
class Attachment:
    url: str
    caption: str = ""
    alt: str = ""
    parent: int = 0


@dataclass
class Post:
    wordpress_id: int
    kind: str
    guid: str
    title: str
    slug: str
    link: str
    status: str
    password: bool
    published: datetime | None
    dates: str
    author: str
    content: str
    excerpt: str
    parent: int = 0
    sticky: bool = False
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    thumbnail_id: int | None = None

    @property
    def label(self):
        return f"{self.wordpress_id} „{self.title}“"

    def public(self):
        return self.status in {"publish", "future"} and not self.password

    def workflow_status(self):
        return STATUSES[self.status] if not self.password else Article.Status.DRAFT

    def fingerprint(self):
        data = repr(
            (
                self.title,
                self.slug,
                self.workflow_status(),
                self.dates,
                self.author,
                self.content,
                self.excerpt,
                sorted(self.terms),
                self.thumbnail_id,
            )
        )
        return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class Inventory:
    """What the first pass found: everything but the posts' text."""

    site: str = ""
    authors: dict = field(default_factory=dict)
    category_parents: dict = field(default_factory=dict)  # nicename -> parent nicename
    attachments: dict = field(default_factory=dict)
    posts: int = 0
    invalid: dict = field(default_factory=dict)  # WordPress ID -> "label: reason"
    repeated: list = field(default_factory=list)  # the second item with an ID
    pages: list = field(default_factory=list)
    comments: int = 0
    skipped: Counter = field(default_factory=Counter)
    multilingual: bool = False


class WXRFile:
    """A WXR file read item by item, each forgotten once handled."""

    def __init__(self, path):
        self.path = path
        self.wp = f"{{{DEFAULT_WP_NAMESPACE}}}"
        self.excerpt = ""

    def children(self):
        """Yield each element of the channel once it is complete, then drop it."""
        depth, root, channel = 0, None, None
        namespaces = {}
        try:
            for event, element in iterparse(
                self.path, events=("start-ns", "start", "end"), forbid_dtd=True
            ):
                if event == "start-ns":
                    namespaces.setdefault(*element)
                    continue
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root = element
                        self.wp = f"{{{namespaces.get('wp', DEFAULT_WP_NAMESPACE)}}}"
                        self.excerpt = f"{{{namespaces.get('excerpt', '')}}}encoded"
                    elif depth == 2 and element.tag == "channel":
                        channel = element
                    continue
                depth -= 1
                if depth == 2 and channel is not None:
                    yield element
                    channel.remove(element)
                elif depth == 0 and (root.tag != "rss" or channel is None):
                    raise WXRError(_NOT_WXR)
        except DefusedXmlException as exc:
            raise WXRError(
                "Die Datei enthält eine Dokumenttyp-Definition oder Entitäten; solche Dateien "
                "werden aus Sicherheitsgründen nicht gelesen. Bitte exportieren Sie erneut aus "
                "WordPress."
            ) from exc
        except ParseError as exc:
            line, column = exc.position
            raise WXRError(
                "Die Datei ist kein lesbares XML: Sie ist leer, abgeschnitten oder fehlerhaft "
                f"(Zeile {line}, Zeichen {column})."
            ) from exc
        except FileNotFoundError as exc:
            raise WXRError(f"Die Datei „{self.path}“ gibt es nicht.") from exc
        except OSError as exc:
            raise WXRError(f"Die Datei „{self.path}“ lässt sich nicht lesen.") from exc

    def text(self, element, tag):
        return (element.findtext(tag) or "").strip()

    def scan(self):
        """The first pass: check every item and take stock, writing nothing."""
        inventory, version, seen = Inventory(), None, set()
        for element in self.children():
            wp = self.wp  # known once the root element has started
            if element.tag == f"{wp}wxr_version":
                version = (element.text or "").strip()
                if not _VERSION.match(version):
                    raise WXRError(f"Die Datei nennt eine ungültige WXR-Version „{version}“.")
            elif element.tag == f"{wp}base_site_url":
                inventory.site = (element.text or "").strip()
            elif element.tag == f"{wp}author":
                login = self.text(element, f"{wp}author_login")
                inventory.authors[login] = html.unescape(
                    self.text(element, f"{wp}author_display_name")
                )
            elif element.tag == f"{wp}category":
                nicename = unquote(self.text(element, f"{wp}category_nicename"))
                parent = unquote(self.text(element, f"{wp}category_parent"))
                if parent:
                    inventory.category_parents[nicename] = parent
            elif element.tag == "item":
                if version is None:
                    raise WXRError(_NOT_WXR)
                self._take_stock(element, inventory, seen)
        if version is None:
            raise WXRError(_NOT_WXR)
        return inventory

    def _take_stock(self, item, inventory, seen):
        wp = self.wp
        kind = self.text(item, f"{wp}post_type")
        status = self.text(item, f"{wp}status")
        inventory.comments += len(item.findall(f"{wp}comment"))
        if self._multilingual(item):
            inventory.multilingual = True
        raw_id = self.text(item, f"{wp}post_id")
        if not raw_id.isdigit():
            title = plain_text(self.text(item, "title")) or "ohne Titel"
            inventory.invalid[raw_id] = f"„{title}“: keine gültige WordPress-ID"
            return
        wordpress_id = int(raw_id)
        if kind == "attachment":
            inventory.attachments[wordpress_id] = Attachment(
                url=self.text(item, f"{wp}attachment_url"),
                caption=plain_text(item.findtext(self.excerpt) or ""),
                alt=self._meta(item).get("_wp_attachment_image_alt", ""),
                parent=int(self.text(item, f"{wp}post_parent") or 0),
            )
            inventory.skipped["attachment"] += 1
            return
        if kind not in {"post", "page"} or status not in {*STATUSES, "trash"}:
            inventory.skipped[kind if kind not in {"post", "page"} else status] += 1
            return
        try:
            post = self.post(item, inventory)
        except ItemError as exc:
            inventory.invalid[wordpress_id] = str(exc)
            return
        if wordpress_id in seen:
            inventory.repeated.append(f"{post.label}: die ID steht zweimal in der Datei")
            return
        seen.add(wordpress_id)
        if kind == "page" and status != "trash":
            inventory.pages.append(post.label)
        elif kind == "post":
            inventory.posts += 1

    def _meta(self, item):
        wp = self.wp
        return {
            self.text(entry, f"{wp}meta_key"): self.text(entry, f"{wp}meta_value")
            for entry in item.findall(f"{wp}postmeta")
        }

    def _multilingual(self, item):
        return any(
            term.get("domain") in MULTILINGUAL_DOMAINS for term in item.findall("category")
        ) or any(
            (entry.findtext(f"{self.wp}meta_key") or "").startswith(MULTILINGUAL_META)
            for entry in item.findall(f"{self.wp}postmeta")
        )

    def posts(self, inventory):
        """The second pass: the posts and pages the first pass found valid."""
        seen = set()
        for element in self.children():
            if element.tag != "item":
                continue
            kind = self.text(element, f"{self.wp}post_type")
            status = self.text(element, f"{self.wp}status")
            raw_id = self.text(element, f"{self.wp}post_id")
            if kind not in {"post", "page"} or status not in {*STATUSES, "trash"}:
                continue
            if not raw_id.isdigit() or int(raw_id) in inventory.invalid or raw_id in seen:
                continue
            seen.add(raw_id)
            yield self.post(element, inventory)

    def post(self, item, inventory):
        wp = self.wp
        wordpress_id = int(self.text(item, f"{wp}post_id"))
        meta = self._meta(item)
        # Titles are HTML in WordPress; the site's titles are plain text.
        title = plain_text(self.text(item, "title")) or f"Beitrag {wordpress_id}"
        login = (item.findtext(CREATOR) or "").strip()
        published, dates = _published(item, wp, f"{wordpress_id} „{title}“")
        thumbnail = meta.get("_thumbnail_id", "")
        return Post(
            wordpress_id=wordpress_id,
            kind=self.text(item, f"{wp}post_type"),
            guid=self.text(item, "guid")[:500] or f"wordpress:{wordpress_id}",
            title=title,
            slug=unquote(self.text(item, f"{wp}post_name")),
            link=self.text(item, "link"),
            status=self.text(item, f"{wp}status"),
            password=bool(self.text(item, f"{wp}post_password")),
            published=published,
            dates=dates,
            author=inventory.authors.get(login) or DEFAULT_BYLINE,
            content=item.findtext(CONTENT) or "",
            excerpt=item.findtext(self.excerpt) or "",
            parent=int(self.text(item, f"{wp}post_parent") or 0)
            if self.text(item, f"{wp}post_parent").isdigit()
            else 0,
            sticky=self.text(item, f"{wp}is_sticky") == "1",
            terms=[
                (
                    term.get("domain", ""),
                    unquote(term.get("nicename", "")),
                    html.unescape((term.text or "").strip()),
                )
                for term in item.findall("category")
            ],
            thumbnail_id=int(thumbnail) if thumbnail.isdigit() else None,
        )


_NOT_WXR = "Die Datei ist keine WordPress-Exportdatei (WXR)."


def _published(item, wp, label):
    """
    The publish date, the GMT one where WordPress gives it, else the site's
    local time; None for a post that never had one. Also the dates as written,
    for telling whether the post changed.
    """
    gmt = (item.findtext(f"{wp}post_date_gmt") or "").strip()
    local = (item.findtext(f"{wp}post_date") or "").strip()
    try:
        if gmt and not gmt.startswith("0000"):
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC), gmt
        if local and not local.startswith("0000"):
            return timezone.make_aware(datetime.fromisoformat(local)), local
    except ValueError as exc:
        raise ItemError(f"{label}: das Datum „{gmt or local}“ ist ungültig") from exc
    return None, ""


def autop(text):
    """
    WordPress's wpautop: blank lines become paragraphs and single line breaks
    <br>, but never around or inside block elements and never inside <pre>.
    """
    if not text.strip():
        return ""
    text += "\n"
    pre_tags = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        text = ""
        for part in parts[:-1]:
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = _PRE_PLACEHOLDER.format(len(pre_tags))
            pre_tags[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += parts[-1]
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(rf"(<{_ALLBLOCKS}[\s/>])", r"\n\n\1", text)
    text = re.sub(rf"(</{_ALLBLOCKS}>)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(
        r"<!--.*?-->|<[^>]*>",
        lambda match: match.group(0).replace("\n", _NEWLINE_PLACEHOLDER),
        text,
        flags=re.DOTALL,
    )
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part]
    text = "".join(f"<p>{part.strip(chr(10))}</p>\n" for part in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*(</?{_ALLBLOCKS}[^>]*>)", r"\1", text)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*</p>", r"\1", text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(rf"(</?{_ALLBLOCKS}[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for name, original in pre_tags.items():
        text = text.replace(name, original)
    return text.replace(_NEWLINE_PLACEHOLDER, "\n").replace("<!-- wpnl -->", "\n").strip()


def _refusal(exc):
    """Why a post could not be saved, in words for staff rather than the database's."""
    if isinstance(exc, ValidationError):
        return f"konnte nicht gespeichert werden: {' '.join(exc.messages)}"
    return "die Datenbank hat ihn abgelehnt; nichts davon wurde gespeichert"


def _attributes(tag):
    return {
        name.lower(): html.unescape(double if double is not None else single)
        for name, _quoted, double, single in _ATTRIBUTE.findall(tag)
    }


def _link(url, text=""):
    """An embed or media file as the link it leads to, named by its title or host."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ""
    name = text or parts.hostname.removeprefix("www.")
    return f'<p><a href="{html.escape(url)}">{html.escape(name)}</a></p>'


def _shorten(text, length):
    """``text`` cut at a word to at most ``length`` characters, marked with an ellipsis."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0] or text[: length - 1]
    return f"{cut}…"


def _ascii_slug(text):
    """German letters and Cyrillic transliterated; other scripts give nothing."""
    language = "uk" if re.search("[\u0400-\u04ff]", text) else "de"
    return slugify_in(language, text, max_length=96)


def slug_for(post):
    """
    A slug from the post's WordPress slug, else its title; for scripts
    without a transliteration (Japanese, Greek) "beitrag-<ID>".
    """
    return _ascii_slug(post.slug) or _ascii_slug(post.title) or f"beitrag-{post.wordpress_id}"


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list = field(default_factory=list)
    not_public: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    sticky: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    pages_written: list = field(default_factory=list)
    comments: int = 0
    skipped: Counter = field(default_factory=Counter)
    multilingual: bool = False
    missing_images: list = field(default_factory=list)
    images_without_alt: list = field(default_factory=list)


class _DryRun(Exception):
    """Rolls the dry run's writes back."""


class Importer:
    """
    Imports the posts of a WXRFile. Pages are handed to ``write_page(post,
    body, notes)``, which keeps the page's old address, returns its new one
    and adds what staff should know to ``notes``; without it they are listed
    as not yet imported.
    """

    def __init__(self, wxr, uploads=None, dry_run=False, progress=None, write_page=None):
        self.wxr = wxr
        self.inventory = wxr.scan()
        self.uploads = Path(uploads).resolve() if uploads else None
        self.dry_run = dry_run
        self.progress = progress or (lambda done, total: None)
        self.write_page = write_page
        inventory = self.inventory
        self.report = Report(
            failed=[*inventory.invalid.values(), *inventory.repeated],
            comments=inventory.comments,
            skipped=inventory.skipped.copy(),
            multilingual=inventory.multilingual,
            pages=[] if write_page else list(inventory.pages),
        )
        self.by_url = {a.url: a for a in inventory.attachments.values() if a.url}
        self.current = None  # the post being imported, named in image reports
        self._stored = {}  # source file -> stored name, or None
        self._digests = {}  # source file -> SHA-256 of its bytes

    def run(self):
        if not self.dry_run:
            # Each post commits on its own: an interrupted run keeps what it
            # imported, and the site stays writable meanwhile.
            self._run()
            return self.report
        try:
            with transaction.atomic():
                self._run()
                raise _DryRun
        except _DryRun:
            pass
        return self.report

    def _run(self):
        self.cities = {city.name.casefold(): city for city in City.objects.all()}
        self.categories = {
            category.name.casefold(): category for category in Category.objects.all()
        }
        total, done = self.inventory.posts, 0
        for post in self.wxr.posts(self.inventory):
            if post.kind == "page":
                if post.status == "trash":
                    self.report.skipped["trash"] += 1
                elif self.write_page:
                    self._import_page(post)
                continue
            if post.status == "trash":
                self.trash(post)
            else:
                self.import_post(post)
            done += 1
            self.progress(done, total)

    # --- posts -------------------------------------------------------------

    def _origin(self, post):
        origin = (
            ImportedPost.objects.filter(site=self.inventory.site, wordpress_id=post.wordpress_id)
            .select_related("article")
            .first()
        )
        if origin is None:
            # Imported before posts were known by their ID: found by GUID.
            origin = (
                ImportedPost.objects.filter(site="", guid=post.guid)
                .filter(wordpress_id=post.wordpress_id)
                .select_related("article")
                .first()
            )
        return origin

    def import_post(self, post):
        origin = self._origin(post)
        if origin and origin.edited_since_import():
            self.report.kept.append(f"{post.label}, jetzt „{origin.article.title}“")
            return
        fingerprint = post.fingerprint()
        if origin and origin.content_hash == fingerprint:
            if origin.site != self.inventory.site:
                ImportedPost.objects.filter(pk=origin.pk).update(site=self.inventory.site)
            self.report.unchanged += 1
            return
        notes, self.current = [], post
        try:
            with transaction.atomic():
                article = origin.article if origin else Article()
                self._fill(article, post, notes)
                article._change_reason = CHANGE_REASON
                article.save()
                self._relate(article, post, notes)
                record = origin or ImportedPost(wordpress_id=post.wordpress_id)
                record.site, record.guid, record.article = self.inventory.site, post.guid, article
                record.imported_version, record.content_hash = article.version, fingerprint
                record.save()
                self._redirect(post.link, post.wordpress_id, article.get_absolute_url(), notes)
                self._redirect_terms(post, notes)
        except (DatabaseError, ValidationError) as exc:
            self.report.failed.append(f"{post.label}: {_refusal(exc)}")
            return
        if origin:
            self.report.updated += 1
        else:
            self.report.created += 1
        self.report.notes += [f"{post.label}: {note}" for note in notes]
        if not post.public() and post.status in {"publish", "future", "private"}:
            reason = "passwortgeschützt" if post.password else "privat"
            self.report.not_public.append(f"{post.label} ({reason})")
        if post.sticky:
            self.report.sticky.append(post.label)

    def trash(self, post):
        """A post in WordPress's trash: not imported, and withdrawn if it was."""
        origin = self._origin(post)
        if origin is None:
            self.report.skipped["trash"] += 1
            return
        article = origin.article
        if article.status != Article.Status.PUBLISHED:
            return
        if origin.edited_since_import():
            self.report.kept.append(
                f"{post.label}, jetzt „{article.title}“ (in WordPress im Papierkorb, bitte prüfen)"
            )
            return
        with transaction.atomic():
            article.status = Article.Status.WITHDRAWN
            article._change_reason = CHANGE_REASON
            article.save()
            origin.imported_version = article.version
            origin.content_hash = ""
            origin.save()
        self.report.withdrawn.append(post.label)

    def _import_page(self, post):
        notes, self.current = [], post
        try:
            with transaction.atomic():
                new_path = self.write_page(post, self.convert(post.content, notes), notes)
                if new_path:
                    self._redirect("", post.wordpress_id, new_path, notes, query="page_id")
        except (DatabaseError, ValidationError) as exc:
            self.report.failed.append(f"Seite {post.label}: {_refusal(exc)}")
            return
        self.report.pages_written.append(post.label)
        self.report.notes += [f"Seite {post.label}: {note}" for note in notes]
        if not post.public() and post.status in {"publish", "future", "private"}:
            reason = "passwortgeschützt" if post.password else "privat"
            self.report.not_public.append(f"Seite {post.label} ({reason})")

    def _fill(self, article, post, notes):
        # The part before <!--more--> is the teaser; the page shows all of it.
        content = _BLOCK_COMMENT.sub("", post.content)
        parts = _MORE.split(content, maxsplit=1)
        article.body = self.convert("\n\n".join(parts), notes, parent=post.wordpress_id)
        teaser = plain_text(post.excerpt)
        if not teaser and len(parts) > 1:
            teaser = plain_text(_SHORTCODE.sub(self._shortcode_text, parts[0]))
        if len(post.title) > 200:
            notes.append("Titel auf 200 Zeichen gekürzt")
        article.title = _shorten(post.title, 200)
        article.teaser = _shorten(teaser, 500)
        article.byline = _shorten(post.author, 100)
        article.status = post.workflow_status()
        if post.published:
            article.publish_at = post.published
        if not article.pk:
            wanted = slug_for(post)
            article.slug = wanted
            counter = 1
            while (
                not is_allowed_slug(article.slug)
                or Article.objects.filter(slug=article.slug).exists()
            ):
                counter += 1
                article.slug = f"{wanted}-{counter}"
        self._main_image(article, post, notes)

    def _relate(self, article, post, notes):
        categories, cities = [], []
        for domain, nicename, name in post.terms:
            if domain not in {"category", "post_tag"} or not name:
                continue
            category = self._category(name, nicename, notes)
            if category not in categories:
                categories.append(category)
            city = self.cities.get(name.casefold())
            if city:
                cities.append(city)
        article.categories.set(categories)
        article.cities.add(*cities)

    def _category(self, name, nicename, notes):
        """The category of a WordPress category or tag; names differing in case are one."""
        name_length = Category._meta.get_field("name").max_length
        if len(name) > name_length:
            notes.append(f"Schlagwort auf {name_length} Zeichen gekürzt: „{name}“")
            name = _shorten(name, name_length)
        category = self.categories.get(name.casefold())
        if category is None:
            slug = _ascii_slug(nicename or name)
            if Category.objects.filter(slug=slug).exists():
                slug = ""  # AutoSlugModel makes a free one
            category = Category.objects.create(name=name, slug=slug)
            self.categories[name.casefold()] = category
        return category

    def _redirect(self, link, wordpress_id, new_path, notes, query="p"):
        old_paths = {f"/?{query}={wordpress_id}"}
        # Kept as the browser sends it decoded, so /2020/01/日本/ is found.
        path = unquote(urlsplit(link).path)
        if path and path != "/" and path != new_path:
            old_paths.add(path if path.endswith("/") else f"{path}/")
        max_length = LegacyRedirect._meta.get_field("old_path").max_length
        for old_path in old_paths:
            if len(old_path) > max_length:
                notes.append(f"alte Adresse zu lang für eine Weiterleitung: {old_path}")
                continue
            LegacyRedirect.objects.update_or_create(
                old_path=old_path, defaults={"new_path": new_path}
            )

    def _redirect_terms(self, post, notes):
        for domain, nicename, name in post.terms:
            prefix = {"category": "category", "post_tag": "tag"}.get(domain)
            category = self.categories.get(_shorten(name, 100).casefold())
            if not (prefix and nicename and category):
                continue
            paths = {f"/{prefix}/{nicename}/"}
            if domain == "category":
                paths.add(f"/category/{self._category_path(nicename)}/")
            for path in paths:
                LegacyRedirect.objects.update_or_create(
                    old_path=path[:500], defaults={"new_path": category.get_absolute_url()}
                )

    def _category_path(self, nicename):
        """parent/child/grandchild, as WordPress writes a category's address."""
        path, seen = [nicename], {nicename}
        parent = self.inventory.category_parents.get(nicename)
        while parent and parent not in seen:
            path.insert(0, parent)
            seen.add(parent)
            parent = self.inventory.category_parents.get(parent)
        return "/".join(path)

    # --- content -----------------------------------------------------------

    def convert(self, content, notes, parent=0):
        """WordPress content as the site's rich text; what is lost goes into ``notes``."""
        content = _BLOCK_COMMENT.sub("", content)
        content = _CAPTION.sub(self._caption, content)
        content = _GALLERY.sub(lambda match: self._gallery(match, parent, notes), content)
        content = _EMBED.sub(lambda match: _link(match.group(1).strip()), content)
        content = _MEDIA.sub(self._media_shortcode, content)
        content = _SHORTCODE.sub(lambda match: self._shortcode(match, notes), content)
        content = _IFRAME.sub(lambda match: self._iframe(match, notes), content)
        content = _MEDIA_ELEMENT.sub(self._media_element, content)
        for match in _DROPPED.finditer(content):
            notes.append(f"entfernt: <{match.group(1).lower()}>")
        content = _DROPPED.sub("", content)
        # A URL alone on a line is an embed (oEmbed) in WordPress.
        content = _BARE_URL.sub(lambda match: _link(match.group(1)), content)
        content = autop(content)
        for pattern, replacement in _RENAMED:
            content = pattern.sub(replacement, content)
        return _IMG.sub(lambda match: self._image_tag(match, notes), content)

    @staticmethod
    def _shortcode_text(match):
        return "" if match.group(1).lower() in SHORTCODES else match.group(0)

    def _shortcode(self, match, notes):
        if match.group(1).lower() not in SHORTCODES:
            return match.group(0)
        if not match.group(0).startswith("[/"):
            notes.append(f"entfernt: {match.group(0)}")
        return ""

    def _caption(self, match):
        attributes, inner = _attributes(match.group(1)), match.group(2)
        image = _LINKED_IMG.search(inner)
        image_tag = image.group(1) if image else (_IMG.search(inner) or [""])[0]
        caption = plain_text(_IMG.sub("", _LINKED_IMG.sub("", inner)))
        caption = html.escape(caption or attributes.get("caption", ""))
        if not image_tag:
            return caption
        figure = f'<figure class="image">{image_tag}<figcaption>{caption}</figcaption></figure>'
        return f"\n\n{figure}\n\n"

    def _gallery(self, match, parent, notes):
        attachments = self.inventory.attachments
        ids = re.findall(r"\d+", _attributes(match.group(1)).get("ids", ""))
        if ids:
            wanted = [int(wordpress_id) for wordpress_id in ids]
        else:
            # Without ids WordPress shows the images attached to the post.
            wanted = sorted(key for key, a in attachments.items() if a.parent == parent)
        figures = []
        for wordpress_id in wanted:
            attachment = attachments.get(wordpress_id)
            if attachment is None or not attachment.url:
                notes.append(f"Galeriebild {wordpress_id} fehlt in der Exportdatei")
                continue
            source, alt = html.escape(attachment.url), html.escape(attachment.alt)
            image = f'<img src="{source}" alt="{alt}">'
            caption = (
                f"<figcaption>{html.escape(attachment.caption)}</figcaption>"
                if attachment.caption
                else ""
            )
            figures.append(f'<figure class="image">{image}{caption}</figure>')
        return "\n\n" + "\n\n".join(figures) + "\n\n"

    @staticmethod
    def _media_shortcode(match):
        attributes = _attributes(match.group(2))
        url = attributes.get("src") or next(
            (value for key, value in attributes.items() if key in {"mp3", "m4a", "ogg", "wav",
             "mp4", "m4v", "webm", "ogv", "flv"}),
            "",
        )  # fmt: skip
        return "\n\n" + _link(url, PurePosixPath(urlsplit(url).path).name) + "\n\n"

    @staticmethod
    def _iframe(match, notes):
        attributes = _attributes(match.group(1))
        link = _link(attributes.get("src", ""), attributes.get("title", ""))
        if not link:
            notes.append("entfernt: <iframe> ohne Adresse")
        return f"\n\n{link}\n\n"

    @staticmethod
    def _media_element(match):
        source = _attributes(match.group(2)).get("src") or _attributes(
            (re.search(r"<source\b[^>]*>", match.group(3), re.I) or [""])[0]
        ).get("src", "")
        return "\n\n" + _link(source, PurePosixPath(urlsplit(source).path).name) + "\n\n"

    def _image_tag(self, match, notes):
        attributes = _attributes(match.group(0))
        source = attributes.get("src", "")
        name = self._store(source, EDITOR_FOLDER)
        if name is None:
            return ""
        alt = attributes.get("alt") or self._attachment_for(source).alt
        if not alt:
            self.report.images_without_alt.append(self._in_post(self._file_name(source)))
        url = default_storage.url(name)
        return f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">'

    def _attachment_for(self, source):
        return (
            self.by_url.get(source)
            or self.by_url.get(_SIZED.sub("", source))
            or Attachment(url="")
        )

    def _in_post(self, name):
        return f"{name} in {self.current.label}"

    @staticmethod
    def _file_name(source):
        return PurePosixPath(urlsplit(source).path).name or source

    def _local_file(self, source):
        """The file in the uploads folder that ``source`` names, whatever the host."""
        if self.uploads is None:
            return None
        path = unquote(urlsplit(source).path)
        marker = "wp-content/uploads/"
        if marker in path:
            relative = path.split(marker, 1)[1]
        else:
            month = _MONTH_PATH.search(path)
            if month is None:
                return None
            relative = month.group(1)
        for candidate in (relative, _SIZED.sub("", relative)):
            local = (self.uploads / candidate).resolve()
            if local.is_file() and self.uploads in local.parents:
                return local
        return None

    def _store(self, source, folder):
        """
        The storage name of our copy of an image, or None (reported) when it
        cannot be had. Named by the source file's content, so that a shared
        image and a re-run reuse the copy.
        """
        path = self._local_file(source)
        if path is None:
            self.report.missing_images.append(self._in_post(self._file_name(source)))
            return None
        key = (path, folder)
        if key not in self._stored:
            self._stored[key] = self._copy(path, folder)
        if self._stored[key] is None:
            self.report.missing_images.append(self._in_post(path.name))
        return self._stored[key]

    def _copy(self, path, folder):
        if path not in self._digests:
            self._digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
        stem = f"{folder}wp-{self._digests[path]}"
        for suffix in STORED_SUFFIXES:
            if default_storage.exists(stem + suffix):
                return stem + suffix
        try:
            with path.open("rb") as file:
                image = reencode_image(file)
        except ValidationError:
            return None
        name = stem + PurePosixPath(image.name).suffix
        if self.dry_run:
            return name
        return default_storage.save(name, image)

    def _main_image(self, article, post, notes):
        attachment = self.inventory.attachments.get(post.thumbnail_id)
        if post.thumbnail_id and attachment is None:
            notes.append(f"Beitragsbild {post.thumbnail_id} fehlt in der Exportdatei")
        if attachment is None:
            return
        name = self._store(attachment.url, MAIN_IMAGE_FOLDER)
        if name is None:
            return
        if attachment.caption:
            notes.append(
                f"Bildunterschrift des Beitragsbilds nicht übernommen: {attachment.caption}"
            )
        if not attachment.alt:
            self.report.images_without_alt.append(self._in_post(self._file_name(attachment.url)))
        article.image_alt = _shorten(attachment.alt, 250)
        if self.dry_run or article.image.name == name:
            return
        # Another post with the same image has its renditions made already.
        article.image_renditions = (
            Article.objects.filter(image=name).values_list("image_renditions", flat=True).first()
            or {}
        )
        article.image = name
