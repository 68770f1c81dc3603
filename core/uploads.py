"""
Uploaded files for every app: images and PDF documents.

Images are checked by their content, never by their name, then turned
upright and re-encoded under a random name. Re-encoding drops EXIF data
(camera GPS positions included) and anything appended behind the picture.
PDF documents are checked for tags, the first sign of an accessible one.
"""

import re
import uuid
import warnings
import zlib
from io import BytesIO
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .renditions import RenditionsField, sources

# Format Pillow reports -> file extension stored.
IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def _check_size(file, limit):
    if file.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    if file.size > limit:
        raise ValidationError(
            _("Die Datei ist %(size)s groß; erlaubt sind höchstens %(limit)s."),
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _too_large(width=None, height=None):
    limit = settings.MAX_IMAGE_PIXELS // 1_000_000
    if width is None:
        return ValidationError(
            _("Das Bild ist zu groß. Bitte verkleinern Sie es auf höchstens %(mp)s Megapixel."),
            params={"mp": limit},
            code="too_many_pixels",
        )
    return ValidationError(
        _(
            "Das Bild ist mit %(width)s × %(height)s Pixeln zu groß. Bitte verkleinern "
            "Sie es auf höchstens %(mp)s Megapixel."
        ),
        params={"width": width, "height": height, "mp": limit},
        code="too_many_pixels",
    )


def _open_image(file):
    """Open ``file`` as a decoded Pillow image, or raise a ValidationError."""
    invalid = ValidationError(
        _(
            "Die Datei ist kein lesbares Bild. Erlaubt sind JPEG, PNG, GIF und WebP; "
            "SVG und andere Formate werden aus Sicherheitsgründen nicht angenommen."
        ),
        code="invalid_image",
    )
    # Pillow works on a copy, so the upload stays open for the next reader.
    file.seek(0)
    data = BytesIO(file.read())
    file.seek(0)
    with warnings.catch_warnings():
        # The pixel limit below is stricter than Pillow's warning threshold.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(data)
        except Image.DecompressionBombError as exc:
            raise _too_large() from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise invalid from exc
    if image.format not in IMAGE_FORMATS:
        raise invalid
    width, height = image.size
    # Checked on the header, before decoding, so a tiny file that declares a
    # huge canvas (a decompression bomb) never reaches memory.
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise _too_large(width, height)
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise invalid from exc
    return image


def validate_image(file):
    _check_size(file, settings.MAX_IMAGE_UPLOAD_SIZE)
    _open_image(file).close()


# The setting holding each validator's size limit, which the admin's file
# inputs pass on to the browser (UploadValidationMixin.formfield).
validate_image.size_setting = "MAX_IMAGE_UPLOAD_SIZE"


def image_format(file):
    """The format Pillow reads in ``file`` ("PNG", "WEBP" …) once it passes validate_image."""
    _check_size(file, settings.MAX_IMAGE_UPLOAD_SIZE)
    image = _open_image(file)
    image.close()
    return image.format


def reencode_image(file):
    """Return the image in ``file`` upright, re-encoded, under a random name."""
    image = _open_image(file)
    image_format = image.format
    options = {}
    if image_format == "GIF" and getattr(image, "is_animated", False):
        options["save_all"] = True
    else:
        image = ImageOps.exif_transpose(image)
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        options.update(quality=85, optimize=True, progressive=True)
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    image.close()
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}{IMAGE_FORMATS[image_format]}")


def validate_pdf(file):
    _check_size(file, settings.MAX_DOCUMENT_UPLOAD_SIZE)
    if PurePath(file.name).suffix.lower() != ".pdf":
        raise ValidationError(_("Bitte laden Sie eine PDF-Datei hoch."), code="not_pdf")
    file.seek(0)
    header = file.read(1024)
    file.seek(0)
    if b"%PDF-" not in header:
        raise ValidationError(
            _("Die Datei ist kein PDF-Dokument, auch wenn ihr Name auf .pdf endet."),
            code="not_pdf",
        )


validate_pdf.size_setting = "MAX_DOCUMENT_UPLOAD_SIZE"


# A tagged PDF (PDF/UA, ISO 14289) declares a structure tree in its catalogue
# and marks its content: /StructTreeRoot and /MarkInfo << /Marked true >>.
# The catalogue may sit in a compressed object stream (PDF 1.5 and later).
_STRUCT_TREE = re.compile(rb"/StructTreeRoot\s*\d+\s+\d+\s+R")
_MARKED = re.compile(rb"/Marked\s*true")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b.*?stream\r?\n(.*?)endstream", re.DOTALL)
# Inflated object streams are small; a larger total is not a document to trust.
_MAX_INFLATED = 16 * 1024 * 1024


def _pdf_texts(data):
    """The file's bytes, then the inflated text of each object stream."""
    yield data
    budget = _MAX_INFLATED
    for match in _OBJECT_STREAM.finditer(data):
        try:
            text = zlib.decompressobj().decompress(match[1], budget)
        except zlib.error:
            continue
        yield text
        budget -= len(text)
        if budget <= 0:
            return


def pdf_is_tagged(file):
    """
    Whether the PDF in ``file`` carries tags, the structure assistive
    technology reads. A cheap first check, not a proof of accessibility:
    an untagged PDF (a scan, a print to PDF) is never accessible, a tagged
    one may still lack alternative texts or a sensible reading order.
    """
    file.seek(0)
    data = file.read()
    file.seek(0)
    struct_tree = marked = False
    for text in _pdf_texts(data):
        struct_tree = struct_tree or bool(_STRUCT_TREE.search(text))
        marked = marked or bool(_MARKED.search(text))
        if struct_tree and marked:
            return True
    return False


def upload_path(instance, filename):
    """Keep each model's files in a folder of its own, under a random name."""
    suffix = PurePath(filename).suffix.lower()
    return f"{instance._meta.app_label}/{instance._meta.model_name}/{uuid.uuid4().hex}{suffix}"


class UploadValidationMixin:
    """
    Validators judge a new upload only. A file already in storage was checked
    when it arrived; re-reading it on every save would fail on files Django
    has closed after reading their dimensions, and on files a restore lacks.
    """

    def run_validators(self, value):
        if value and not getattr(value, "_committed", False):
            super().run_validators(value)

    def formfield(self, **kwargs):
        """The file input names its size limit, so the admin checks a file before sending it."""
        field = super().formfield(**kwargs)
        limits = [
            getattr(settings, validator.size_setting)
            for validator in self.validators
            if hasattr(validator, "size_setting")
        ]
        if limits:
            field.widget.attrs["data-max-bytes"] = min(limits)
        return field


class FileField(UploadValidationMixin, models.FileField):
    pass


class ImageField(UploadValidationMixin, models.ImageField):
    """An image field that validates by content and re-encodes on save."""

    default_validators = [validate_image]

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            # An image held back by a form was re-encoded when it was held.
            held = getattr(file.file, "reencoded", False)
            content = file.file if held else reencode_image(file)
            # Named after the stored format, whatever the upload was called.
            file.save(content.name, content, save=False)
        return file


class CreditedImage(models.Model):
    """A main image with what the public site shows alongside it."""

    # What includes/figure.html reads, for lists that read only some columns.
    image_fields = (
        "image",
        "image_width",
        "image_height",
        "image_renditions",
        "image_alt",
        "image_decorative",
        "image_credit",
        "image_licence",
    )

    image = ImageField(
        _("Bild"),
        upload_to=upload_path,
        blank=True,
        # Stored so that pages can give width and height without opening files.
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG, GIF oder WebP, höchstens 10 MB. Querformat wirkt am besten."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # After the image: its copies are made once it is stored.
    image_renditions = RenditionsField(_("Bildgrößen"))
    image_alt = models.CharField(
        _("Alternativtext"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beschreibt das Bild für Menschen, die es nicht sehen können, "
            "z. B. „Rathaus von Tsukuba mit Vorplatz“."
        ),
    )
    image_decorative = models.BooleanField(
        _("Bild ist dekorativ"),
        default=False,
        help_text=_("Ankreuzen, wenn das Bild nur schmückt und nichts aussagt."),
    )
    image_credit = models.CharField(
        _("Bildnachweis"),
        max_length=200,
        blank=True,
        help_text=_("Urheber oder Quelle, z. B. „Foto: Stadt Bochum / Max Muster“."),
    )
    image_licence = models.CharField(
        _("Lizenz"),
        max_length=100,
        blank=True,
        help_text=_("z. B. „CC BY 4.0“ oder „Alle Rechte vorbehalten“."),
    )

    class Meta:
        abstract = True

    def image_sources(self):
        """``src`` and the ``srcset`` lists of the image, or None to show it as uploaded."""
        return sources(self.image, self.image_renditions, self.image_width)

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip() and not self.image_decorative:
            raise ValidationError(
                {
                    "image_alt": _(
                        "Bitte beschreiben Sie das Bild oder kreuzen Sie „Bild ist dekorativ“ an."
                    )
                }
            )
