"""Admin building blocks shared by the apps; this module registers no model."""

from django.contrib import admin
from django.db import models
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import held_uploads
from .forms import AltTextField, HeldImagesFormMixin, ImageInput

# Staff type "www.bochum.de"; the scheme they mean is https.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class HeldImagesAdminMixin:
    """
    An image chosen in a form that comes back with an error stays chosen
    (core.held_uploads), in every field whose widget is an ImageInput.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        name = self._held_image_url_name()
        return type(
            form.__name__,
            (HeldImagesFormMixin, form),
            {
                "uploader": request.user,
                "held_image_url": staticmethod(lambda token: reverse(name, args=[token])),
            },
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            # Also when only an inline failed: the form is shown again all the same.
            context["adminform"].form.hold_images()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        held = path(
            "ausgewaehltes-bild/<str:token>/",
            self.admin_site.admin_view(self.held_image_view),
            name=self._held_image_url_name().partition(":")[2],
        )
        return [held, *super().get_urls()]

    def _held_image_url_name(self):
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_held_image"

    def held_image_view(self, request, token):
        """A held image, for the staff member who chose it and nobody else."""
        image = held_uploads.open_held(token, request.user)
        if image is None:
            raise Http404
        response = HttpResponse(image.read(), content_type=image.content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class CreditedImageAdminMixin(HeldImagesAdminMixin):
    """
    Thumbnail column and image fieldset for models with a CreditedImage; an
    image chosen in a form that comes back with an error stays chosen.
    """

    image_fieldset = (
        _("Bild"),
        {
            "fields": [
                "image",
                "image_preview",
                "image_alt",
                "image_decorative",
                ("image_credit", "image_licence"),
            ],
            "description": _(
                "Jedes Bild braucht einen Alternativtext, es sei denn, es ist dekorativ. "
                "Bildnachweis und Lizenz erscheinen unter dem Bild."
            ),
        },
    )

    @admin.display(description=_("Bild"))
    def thumbnail(self, obj):
        if not obj.image:
            return "–"
        return format_html(
            '<img src="{}" alt="" width="80" height="45" class="admin-thumbnail">', obj.image.url
        )

    @admin.display(description=_("Vorschau"))
    def image_preview(self, obj):
        image = obj.image
        if not image:
            return _("Noch kein Bild hochgeladen.")
        if not image._committed:
            # A form shown again: the new image is not stored yet.
            return _("Das ausgewählte Bild erscheint hier nach dem Speichern.")
        if not image.storage.exists(image.name):
            return _("Die Bilddatei fehlt im Speicher. Bitte laden Sie das Bild erneut hoch.")
        return format_html(
            '<img src="{}" alt="" width="320" class="admin-image-preview">', image.url
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "image":
            kwargs.setdefault("widget", ImageInput)
        # Translated, the alternative text has a field per language.
        elif getattr(db_field, "translated_field", db_field).name == "image_alt":
            kwargs.setdefault("form_class", AltTextField)
            kwargs.setdefault("widget", AltTextField.widget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
