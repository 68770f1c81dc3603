"""
Images chosen in a form that did not save yet.

A browser cannot refill a file input, so when a form with a new image comes
back with an error (a missing alt text, a reserved slug), the upload would be
lost. It is kept here instead: checked and re-encoded, under a random name,
in a folder outside MEDIA_ROOT that no URL maps to. The form carries a signed
token naming the file and the user who chose it; only that user can see the
file again or save it. ``purge_personal_data`` removes what was left behind.
"""

from datetime import timedelta
from pathlib import Path, PurePath

from django.conf import settings
from django.core import checks, signing
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from .uploads import IMAGE_FORMATS, reencode_image

# A form left open longer than this has to have its image chosen again.
MAX_AGE = timedelta(days=1)
_SALT = "core.held_uploads"
_CONTENT_TYPES = {suffix: f"image/{kind.lower()}" for kind, suffix in IMAGE_FORMATS.items()}


class HoldingStorage(FileSystemStorage):
    """A folder no URL maps to; its files are handed out by staff views only."""

    def url(self, name):
        raise ValueError("Held uploads have no public URL.")


def storage():
    return HoldingStorage(location=settings.HELD_UPLOADS_ROOT)


class HeldImage(SimpleUploadedFile):
    """A held image, back in a form as if it had just been uploaded again."""

    # Re-encoded when it was held; ImageField stores it as it is.
    reencoded = True

    def __init__(self, name, content, token):
        super().__init__(name, content, _CONTENT_TYPES.get(PurePath(name).suffix.lower()))
        self.token = token


def hold(upload, user):
    """Store a checked image upload for ``user``, as a HeldImage with its token."""
    image = reencode_image(upload)
    stored = storage().save(image.name, image)
    # Staff recognise their file by its name; the suffix is the stored format's.
    shown = PurePath(PurePath(upload.name).name).stem[:80] + PurePath(stored).suffix
    token = signing.dumps({"user": user.pk, "file": stored, "name": shown}, salt=_SALT)
    image.seek(0)
    return HeldImage(shown, image.read(), token)


def _read_token(token, user):
    """The file name and shown name behind ``token``, or None if not ``user``'s."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or user is None or data.get("user") != user.pk:
        return None
    name = data.get("file")
    if not isinstance(name, str) or PurePath(name).name != name:
        return None
    return name, str(data.get("name") or name)


def open_held(token, user):
    """The held file as a HeldImage, or None if it is not ``user``'s or is gone."""
    found = _read_token(token, user)
    if found is None:
        return None
    name, display = found
    store = storage()
    if not store.exists(name):
        return None
    with store.open(name) as file:
        return HeldImage(display, file.read(), token)


def release(token, user):
    """Remove the file behind ``token`` once its form has saved."""
    found = _read_token(token, user)
    if found is not None:
        storage().delete(found[0])


def purge(older_than=MAX_AGE):
    """Remove held files older than ``older_than``; how many went."""
    store = storage()
    if not store.exists(""):
        return 0
    cutoff = timezone.now() - older_than
    _folders, names = store.listdir("")
    removed = 0
    for name in names:
        if store.get_modified_time(name) < cutoff:
            store.delete(name)
            removed += 1
    return removed


@checks.register(checks.Tags.security)
def check_holding_folder_is_not_public(app_configs, **kwargs):
    media = Path(settings.MEDIA_ROOT).resolve()
    held = Path(settings.HELD_UPLOADS_ROOT).resolve()
    if held == media or media in held.parents:
        return [
            checks.Error(
                "HELD_UPLOADS_ROOT liegt in MEDIA_ROOT; zurückgehaltene Bilder wären unter "
                "/media/ öffentlich abrufbar.",
                hint="Einen Ordner außerhalb von MEDIA_ROOT wählen.",
                id="cities.E001",
            )
        ]
    return []
