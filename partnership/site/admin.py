"""The admin of the site layer: legal pages, free pages and the audit trail."""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import CreditedImageAdminMixin
from core.editorial import ReadOnlyAdminMixin, RevisionAdmin
from core.forms import RemovableFileInput
from core.listfilters import titled
from core.translation_admin import TranslatedAdmin
from core.uploads import FileField

from .models import LegalPage, Page


@admin.register(LogEntry)
class AuditTrailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who published, withdrew, deleted, restored or changed roles, and when."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action", "message"]
    list_filter = [
        ("action_flag", titled(admin.ChoicesFieldListFilter, _("Aktion"))),
        "content_type",
        ("user", titled(admin.RelatedFieldListFilter, _("Person"))),
    ]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Aktion"), ordering="action_flag")
    def action(self, obj):
        return {ADDITION: _("angelegt"), CHANGE: _("geändert"), DELETION: _("gelöscht")}[
            obj.action_flag
        ]

    @admin.display(description=_("Was"))
    def message(self, obj):
        return obj.get_change_message()


@admin.register(LegalPage)
class LegalPageAdmin(RevisionAdmin, TranslatedAdmin):
    publish_permission = "site.publish_legalpage"
    publish_fields = ("published",)
    list_display = ["kind", "title", "published", "updated"]
    readonly_fields = ["updated"]
    formfield_overrides = {FileField: {"widget": RemovableFileInput}}
    ACCESSIBILITY_FIELDSET = (
        _("Angaben nach BITV 2.0"),
        {
            "fields": [
                "conformity",
                "known_limitations",
                "feedback_contact",
                "enforcement",
                "last_reviewed",
            ],
            "description": _("Nur für die Erklärung zur Barrierefreiheit."),
        },
    )
    VIDEO_FIELDSET = (
        _("Video in Gebärdensprache"),
        {
            "fields": ["video", "video_captions", "video_description"],
            "description": _("Nur für die Seite in Gebärdensprache."),
        },
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["kind", "title", "body", "published", "updated"]})]
        kind = obj.kind if obj else None
        if kind in (None, LegalPage.Kind.ACCESSIBILITY):
            fieldsets.append(self.ACCESSIBILITY_FIELDSET)
        if kind in (None, LegalPage.Kind.SIGN_LANGUAGE):
            fieldsets.append(self.VIDEO_FIELDSET)
        fieldsets = self.with_translation_fieldsets(self._patch_fieldsets(fieldsets), obj)
        return self.with_version_field(self.with_rendered_rich_text(request, obj, fieldsets), obj)


@admin.register(Page)
class PageAdmin(CreditedImageAdminMixin, RevisionAdmin, TranslatedAdmin):
    publish_permission = "site.publish_page"
    publish_fields = ("published",)
    list_display = ["title", "address", "parent", "menu", "published", "updated", "thumbnail"]
    list_select_related = ["parent"]
    list_filter = ["published", "menu", "section"]
    search_fields = ["title", "body"]
    readonly_fields = ["address", "image_preview", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("Ort auf der Website"),
            {"fields": ["parent", "address", "section", ("menu", "menu_order")]},
        ),
        (_("Veröffentlichung"), {"fields": ["published"]}),
        CreditedImageAdminMixin.image_fieldset,
        (_("Verwaltung"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("Adresse"))
    def address(self, obj):
        if not obj.pk:
            return _("Wird beim Speichern aus dem Kurznamen gebildet.")
        return format_html("/{}/", obj.paths.get("de", ""))
