"""Which uploaded files the content still uses; shared by check_media and backup."""

import re
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from core.renditions import original_stem
from core.richtext import RichTextField

_MEDIA_IN_HTML = re.compile(r'(?:src|href)="[^"]*?' + re.escape(settings.MEDIA_URL) + r'([^"?#]+)')


def media_files(root=None):
    """Every stored file, as a path relative to MEDIA_ROOT."""
    root = Path(root or settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def referenced_files():
    """
    Files named by a file field or linked from rich text, in any model,
    revisions included: restoring an old revision must find its picture.
    """
    used = set()
    for model in apps.get_models():
        file_fields = [
            field.attname
            for field in model._meta.fields
            if isinstance(field, models.FileField)
            or (model.__name__.startswith("Historical") and field.name in {"image", "document"})
        ]
        html_fields = [f.attname for f in model._meta.fields if isinstance(f, RichTextField)]
        if not file_fields and not html_fields:
            continue
        for row in model._base_manager.values_list(*file_fields, *html_fields).iterator():
            used.update(name for name in row[: len(file_fields)] if name)
            for html in row[len(file_fields) :]:
                for name in _MEDIA_IN_HTML.findall(html or ""):
                    used.add(name)
                    # The editor's file browser keeps a thumbnail beside each upload.
                    stem, dot, suffix = name.rpartition(".")
                    used.add(f"{stem}_thumb{dot}{suffix}")
    return used


def orphaned_files(min_age=timedelta(hours=24)):
    """Stored files nothing refers to, older than ``min_age`` (uploads in progress are young)."""
    root = Path(settings.MEDIA_ROOT)
    used = referenced_files()
    # Smaller copies of an image belong to it.
    used_stems = {str(PurePosixPath(name).with_suffix("")) for name in used}
    cutoff = (timezone.now() - min_age).timestamp()
    return [
        name
        for name in media_files(root)
        if name not in used
        and original_stem(name) not in used_stems
        and (root / name).stat().st_mtime < cutoff
    ]
