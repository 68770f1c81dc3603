"""
Smaller copies of uploaded images, made once when an image is stored, so
that pages offer each browser the width it needs (``srcset``), as WebP where
it is understood and in the original's format elsewhere.

Copies live under ``renditions/`` beside the original's path, named by
width: ``news/article/ab12.jpg`` gets ``renditions/news/article/ab12-480.jpg``
and ``renditions/news/article/ab12-480.webp``. An original no wider than the
largest copy is offered at its own width too, with a WebP of that width.
"""

import logging
import posixpath
import re
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import models
from PIL import Image

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1440)
# GIFs may move and WebP is small already: both are served as uploaded.
FORMATS = {"JPEG": ".jpg", "PNG": ".png"}


def rendition_name(name, width, suffix):
    return f"{_prefix(name)}-{width}{suffix}"


def _prefix(name):
    return f"renditions/{posixpath.splitext(name)[0]}"


def original_stem(name):
    """For a rendition's name, its original's name without suffix; else None."""
    found = re.fullmatch(r"renditions/(.+)-\d+\.\w+", name)
    return found.group(1) if found else None


def _save(image, storage, name, image_format, **options):
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    # Replaced, not renamed: storages add a suffix to a name already taken.
    storage.delete(name)
    storage.save(name, ContentFile(buffer.getvalue()))


def make_renditions(storage, name):
    """
    Store the renditions of the stored image ``name`` and return their
    widths, smallest first; none for a GIF or WebP original.
    """
    with storage.open(name) as source, Image.open(source) as image:
        if image.format not in FORMATS:
            return []
        image_format, suffix = image.format, FORMATS[image.format]
        image.load()
        if image.mode not in ("RGB", "RGBA", "L"):
            transparent = "A" in image.mode or "transparency" in image.info
            image = image.convert("RGBA" if transparent else "RGB")
        widths = [width for width in WIDTHS if width < image.width]
        for width in widths:
            height = round(image.height * width / image.width)
            copy = image.resize((width, height), Image.Resampling.LANCZOS)
            options = {"quality": 82} if image_format == "JPEG" else {}
            _save(copy, storage, rendition_name(name, width, suffix), image_format, **options)
            _save(copy, storage, rendition_name(name, width, ".webp"), "WEBP", quality=80)
        if image.width <= WIDTHS[-1]:
            _save(image, storage, rendition_name(name, image.width, ".webp"), "WEBP", quality=80)
            widths.append(image.width)
    return widths


class RenditionsField(models.JSONField):
    """
    Which renditions the model's image has: ``{"name": ..., "widths": [...]}``.

    Its pre_save runs after the image field's (fields save in order), when
    the image is stored under its final name; a new name gets new copies.
    A copy that cannot be made is logged, and the page shows the original.
    """

    def __init__(self, *args, image_field="image", **kwargs):
        self.image_field = image_field
        kwargs.setdefault("default", dict)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.image_field != "image":
            kwargs["image_field"] = self.image_field
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        return self.refresh(model_instance)

    def refresh(self, model_instance, force=False):
        """Make the copies the instance's image lacks (all, with ``force``); return the value."""
        image = getattr(model_instance, self.image_field)
        value = getattr(model_instance, self.attname) or {}
        if not image:
            value = {}
        elif force or value.get("name") != image.name:
            try:
                widths = make_renditions(image.storage, image.name)
            except (OSError, ValueError, Image.DecompressionBombError):
                logger.exception("No renditions for %s", image.name)
                widths = []
            value = {"name": image.name, "widths": widths}
        setattr(model_instance, self.attname, value)
        return value


def sources(file, renditions, original_width):
    """
    ``src``, and ``srcset`` for WebP and for the original's format, of an
    image with the given renditions; None where it has none.
    """
    widths = renditions.get("widths") if renditions else None
    if not file or not widths or renditions.get("name") != file.name:
        return None
    # One storage URL for all copies: pages list several images with
    # several widths each.
    prefix = file.storage.url(_prefix(file.name))
    suffix = posixpath.splitext(file.name)[1]

    def fallback(width):
        return file.url if width == original_width else f"{prefix}-{width}{suffix}"

    return {
        "src": fallback(widths[-1]),
        "webp": ", ".join(f"{prefix}-{width}.webp {width}w" for width in widths),
        "fallback": ", ".join(f"{fallback(width)} {width}w" for width in widths),
    }
