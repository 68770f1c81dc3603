"""
Admin form parts for uploads: file inputs that say what their tick box
removes, a sentence-sized box for alt text, and a form mixin that keeps an
image chosen in a form that comes back with an error (core.held_uploads).
"""

import re

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.widgets import CheckboxInput
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import held_uploads


class RemovableFileInput(AdminFileWidget):
    """The admin's file input, whose tick box names what it removes."""

    clear_checkbox_label = _("Datei entfernen")


class DocumentInput(RemovableFileInput):
    clear_checkbox_label = _("Dokument entfernen")


class ImageInput(RemovableFileInput):
    """
    An image input that can show an image chosen earlier and held back
    (``held``, set by HeldImagesFormMixin), with the token that claims it.
    """

    clear_checkbox_label = _("Bild entfernen")
    held = None
    held_url = None

    class Media:
        css = {"all": ["css/admin-uploads.css"]}

    @staticmethod
    def held_name(name):
        return f"{name}-held"

    @staticmethod
    def discard_name(name):
        return f"{name}-held-discard"

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.held is None:
            return html
        discard_id = f"{(attrs or {}).get('id', name)}_held_discard"
        thumbnail = (
            format_html('<img src="{}" alt="" class="held-upload-thumbnail">', self.held_url)
            if self.held_url
            else ""
        )
        return format_html(
            '<div class="held-upload">'
            '<input type="hidden" name="{}" value="{}">{}'
            "<p>{}</p>"
            '<p><input type="checkbox" name="{}" id="{}"> <label for="{}">{}</label></p>'
            "{}</div>",
            self.held_name(name),
            self.held.token,
            thumbnail,
            format_html(
                _("Ausgewähltes Bild: „{}“ – wird beim Speichern übernommen."), self.held.name
            ),
            self.discard_name(name),
            discard_id,
            discard_id,
            _("Nicht übernehmen"),
            # With a stored image the input already reads "Derzeit … Ändern".
            html
            if self.is_initial(value)
            else format_html("<p>{} {}</p>", _("Oder ein anderes Bild wählen:"), html),
        )


class AltTextInput(forms.Textarea):
    """Room for a sentence: alt text describes, it does not label."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, "class": "image-alt-text", **(attrs or {})})

    class Media:
        css = {"all": ["css/admin-uploads.css"]}


class AltTextField(forms.CharField):
    """Alt text is read as one line; line breaks typed into the box become spaces."""

    widget = AltTextInput

    def to_python(self, value):
        # An empty translation stays empty (None), so it falls back to German.
        text = super().to_python(value)
        return " ".join(text.split()) if text else text


class EuroField(forms.DecimalField):
    """
    An amount of euros as staff write it: "12,50", "1.500,50", "12.000" or
    "1500 €". A point is a thousands separator where a comma follows or where
    it groups three digits; otherwise, as in "1.5" copied from a table, it is
    the decimal point.
    """

    THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\N{NO-BREAK SPACE}", "").replace(" ", "")
            if "," in value or self.THOUSANDS.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class HeldImagesFormMixin:
    """
    Keeps the new images of a model form that fails validation, so that the
    form shown again still has them, and saves them once it validates.

    ``uploader`` (the user filling in the form) and ``held_image_url`` (the
    URL of a held image's thumbnail, from its token) are set per request.
    """

    uploader = None
    held_image_url = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._taken_back = {}  # field name -> token of the held image in use
        self._lost = []  # fields whose token claims nothing (any more)
        self._superseded = []  # tokens of held images replaced or discarded
        if self.is_bound:
            self._take_back_held_images()

    def _image_fields(self):
        return [
            name for name, field in self.fields.items() if isinstance(field.widget, ImageInput)
        ]

    def _take_back_held_images(self):
        files = None
        ticked = CheckboxInput().value_from_datadict
        for name in self._image_fields():
            key = self.add_prefix(name)
            widget = self.fields[name].widget
            token = self.data.get(widget.held_name(key))
            if not token:
                continue
            if (
                self.files.get(key)
                or ticked(self.data, self.files, widget.discard_name(key))
                or ticked(self.data, self.files, widget.clear_checkbox_name(key))
            ):
                self._superseded.append(token)
                continue
            image = held_uploads.open_held(token, self.uploader)
            if image is None:
                self._lost.append(name)
                continue
            if files is None:
                files = self.files.copy()
            # From here on the held image is an upload like any other.
            files[key] = image
            self._taken_back[name] = token
        if files is not None:
            self.files = files

    def clean(self):
        cleaned_data = super().clean()
        for name in self._lost:
            self.add_error(
                name,
                ValidationError(
                    _(
                        "Das zuvor ausgewählte Bild liegt nicht mehr bereit. Bitte wählen Sie "
                        "die Datei erneut aus."
                    ),
                    code="held_upload_lost",
                ),
            )
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self.hold_images()

    def hold_images(self):
        """Hold the valid new images of a form that is shown again."""
        if self.uploader is None or not hasattr(self, "cleaned_data"):
            return
        for name in self._image_fields():
            widget = self.fields[name].widget
            upload = self.cleaned_data.get(name)
            if widget.held is not None or not isinstance(upload, UploadedFile):
                continue
            if not isinstance(upload, held_uploads.HeldImage):
                upload = held_uploads.hold(upload, self.uploader)
            widget.held = upload
            if self.held_image_url is not None:
                widget.held_url = self.held_image_url(upload.token)

    def save(self, commit=True):
        instance = super().save(commit)
        done = [*self._taken_back.values(), *self._superseded]
        if done:
            user = self.uploader
            # Only once the object is stored; a failed save keeps them.
            transaction.on_commit(lambda: [held_uploads.release(token, user) for token in done])
        return instance
