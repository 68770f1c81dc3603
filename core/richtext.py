"""
Rich text for every app: one allowlist, one sanitiser, one model field.

CKEditor 4 only cleans markup in the browser, and a request can bypass the
editor altogether, so every rich-text value is cleaned again on the server
each time it is saved. ``RichTextField`` does that in ``pre_save`` and thus
covers the admin, fixtures, management commands and the shell alike.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser

import nh3
from ckeditor_uploader.fields import RichTextUploadingField, RichTextUploadingFormField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "hr", "span",
    "abbr", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    # lang and dir keep passages in another language readable for screen readers.
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Set by the editor's "Stil" menu on an image that only decorates.
DECORATIVE_CLASS = "dekorativ"
ALLOWED_CLASSES = {
    "img": {DECORATIVE_CLASS},
    # CKEditor's captioned-image widget.
    "figure": {"image"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Editor content nests a dozen levels at most; far deeper is an attack or junk.
MAX_NESTING = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# nh3 writes every attribute as name="value" with quotes escaped inside the
# value, so its output splits into attributes exactly; its input does not.
_SANITISED_IMG = re.compile(r'<img((?:\s[\w-]+="[^"]*")*)')
_ATTRIBUTE_NAME = re.compile(r'\s([\w-]+)="')


def _nesting_depth(html):
    """How deep tags nest if every start tag counts until its end tag appears."""
    depth = deepest = 0
    for closing, name in _TAG.findall(html):
        if name.lower() in _VOID_TAGS:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def sanitize_html(html):
    """Return ``html`` reduced to the markup the public site may show."""
    if not html:
        return ""
    if _nesting_depth(html) > MAX_NESTING:
        # Thousands of unclosed tags make an HTML parser repair the tree at a
        # cost that grows with the square of their number; keep the words.
        return f"<p>{escape(plain_text(html))}</p>"
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()
    # Validation lets an image through without alt text only when it is
    # decorative; screen readers skip such an image only with an empty alt.
    return _SANITISED_IMG.sub(_with_alt, cleaned)


def _with_alt(match):
    attributes = match.group(1)
    if "alt" in _ATTRIBUTE_NAME.findall(attributes):
        return match.group(0)
    return f'<img alt=""{attributes}'


def plain_text(html):
    """The words of ``html`` without markup; tags become spaces between words."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html or "")).split())


class _ImageCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def _images(html):
    """
    The images of ``html`` as the public site will show them. Read from the
    sanitiser's output, because a raw value can hide an image from one parser
    and not from another (markup inside ``<noscript>``, or in an attribute
    that one parser closes early): what is checked is what is published.
    """
    collector = _ImageCollector()
    collector.feed(sanitize_html(html))
    collector.close()
    return collector.images


def _missing_alt(images):
    return [
        img["src"].rsplit("/", 1)[-1]
        for img in images
        # An image without an address is reported as pasted instead.
        if img.get("src")
        and not (img.get("alt") or "").strip()
        and DECORATIVE_CLASS not in (img.get("class") or "").split()
    ]


def images_missing_alt(html):
    """File names of images that have no text alternative and are not decorative."""
    return _missing_alt(_images(html))


def validate_rich_text_images(html):
    """
    Every image in rich text needs a text alternative, unless staff marked it
    as decorative; pasted images (``data:`` URIs) must be uploaded instead,
    since the sanitiser would otherwise drop them without a word.
    """
    errors = []
    images = _images(html)
    # The sanitiser drops addresses other than http(s) and paths: a pasted
    # image (data:) or one pasted from a word processor (file:) has none left.
    pasted = [img for img in images if not img.get("src")]
    if pasted:
        errors.append(
            ValidationError(
                ngettext(
                    "Ein Bild wurde direkt in den Text eingefügt. Bitte laden Sie es über die "
                    "Schaltfläche „Bild“ hoch, damit es geprüft und gespeichert werden kann.",
                    "%(count)d Bilder wurden direkt in den Text eingefügt. Bitte laden Sie sie "
                    "über die Schaltfläche „Bild“ hoch, damit sie geprüft und gespeichert "
                    "werden können.",
                    len(pasted),
                )
                % {"count": len(pasted)},
                code="pasted_image",
            )
        )
    missing_alt = _missing_alt(images)
    if missing_alt:
        names = ", ".join(missing_alt)
        errors.append(
            ValidationError(
                _(
                    "Bilder ohne Alternativtext: %(names)s. Bitte beschreiben Sie jedes Bild im "
                    "Bild-Dialog unter „Alternativer Text“. Schmückt ein Bild nur, wählen Sie "
                    "im Menü „Stil“ den Eintrag „Bild: dekorativ“."
                ),
                params={"names": names},
                code="missing_alt",
            )
        )
    if errors:
        raise ValidationError(errors)


# The editor puts line breaks between the blocks it sends back; stored text
# without them is the same text.
BLOCK_BREAKS = re.compile(r">\s*\n\s*<")


def comparable_html(value):
    """``value`` without the line breaks between blocks that mean nothing."""
    return BLOCK_BREAKS.sub("><", value or "").strip()


class RichTextFormField(RichTextUploadingFormField):
    def has_changed(self, initial, data):
        # Otherwise every save through the editor reads as a change of text.
        return comparable_html(initial) != comparable_html(data)


class RichTextField(RichTextUploadingField):
    """CKEditor field whose content is sanitised on every save."""

    default_validators = [validate_rich_text_images]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
