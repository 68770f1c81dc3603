"""
The admin of the site layer: legal pages, free pages, site settings, notices
and the audit trail.
"""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import URL_FIELDS_ASSUME_HTTPS, CreditedImageAdminMixin, HeldImagesAdminMixin
from core.editorial import ReadOnlyAdminMixin, RevisionAdmin
from core.forms import ImageInput, RemovableFileInput
from core.listfilters import titled
from core.translation import SOURCE_LANGUAGE
from core.translation_admin import TranslatedAdmin
from core.uploads import FileField, ImageField
from core.workflow_admin import WorkflowAdminMixin

from .models import AccessibilityCheck, LegalPage, Notice, Page, SiteSettings


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
    list_display = ["kind", "title", "published", "updated", "missing_list"]
    readonly_fields = ["updated", "missing_list", "automated_check", "inaccessible_list"]
    formfield_overrides = {**URL_FIELDS_ASSUME_HTTPS, FileField: {"widget": RemovableFileInput}}
    ACCESSIBILITY_FIELDSETS = [
        (
            _("Angaben nach BITV 2.0"),
            {
                "fields": [
                    "conformity",
                    "known_limitations",
                    "inaccessible_list",
                    "feedback_contact",
                    "enforcement",
                ],
                "description": _("Nur für die Erklärung zur Barrierefreiheit."),
            },
        ),
        (
            _("Schlichtungsstelle"),
            {
                "fields": [
                    "ombudsman_name",
                    "ombudsman_address",
                    "ombudsman_email",
                    "ombudsman_url",
                ],
                "description": _(
                    "Die Stelle, an die man sich wenden kann, wenn eine Rückmeldung nicht "
                    "hilft. Bitte Anschrift und Website bei der Stelle selbst nachsehen."
                ),
            },
        ),
        (
            _("Wie die Erklärung entstand"),
            {
                "fields": [
                    "prepared_on",
                    "last_reviewed",
                    "automated_check",
                    "keyboard_checked_on",
                    "screen_reader_checked_on",
                    "manual_check_tools",
                ],
                "description": _(
                    "Die Erklärung beruht auf einer Selbstbewertung. Das Datum der "
                    "automatischen Prüfung trägt das System ein; die manuellen Prüfungen "
                    "tragen Sie ein, wenn die Stadt sie durchgeführt hat."
                ),
            },
        ),
    ]
    VIDEO_FIELDSET = (
        _("Video in Gebärdensprache"),
        {
            "fields": ["video", "video_captions", "video_description"],
            "description": _("Nur für die Seite in Gebärdensprache."),
        },
    )
    PLAIN_LANGUAGE_FIELDSET = (
        _("Prüfung der Leichten Sprache"),
        {
            "fields": ["plain_language_checked_on", "plain_language_checked_by"],
            "description": _(
                "Wann und von wem der Text geprüft wurde. Nach jeder größeren Änderung "
                "den Text erneut prüfen lassen und die Angaben erneuern."
            ),
        },
    )

    def get_fieldsets(self, request, obj=None):
        main = ["kind", "title", "body", "published", "updated"]
        fieldsets = [(None, {"fields": ["missing_list", *main] if obj else main})]
        kind = obj.kind if obj else None
        if kind in (None, LegalPage.Kind.ACCESSIBILITY):
            fieldsets += self.ACCESSIBILITY_FIELDSETS
        if kind in (None, LegalPage.Kind.PLAIN_LANGUAGE):
            fieldsets.append(self.PLAIN_LANGUAGE_FIELDSET)
        if kind in (None, LegalPage.Kind.SIGN_LANGUAGE):
            fieldsets.append(self.VIDEO_FIELDSET)
        fieldsets = self.with_translation_fieldsets(self._patch_fieldsets(fieldsets), obj)
        return self.with_version_field(self.with_rendered_rich_text(request, obj, fieldsets), obj)

    @admin.display(description=_("Was noch fehlt"))
    def missing_list(self, obj):
        missing = obj.missing() if obj else []
        if not missing:
            return _("nichts")
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((m,) for m in missing))
        )

    @admin.display(description=_("Automatische Prüfung zuletzt bestanden"))
    def automated_check(self, obj):
        check = AccessibilityCheck.objects.first()
        if check is None:
            return _(
                "Noch kein bestandener Lauf erfasst. Der Betrieb trägt ihn mit "
                "„manage.py record_accessibility_checks“ ein."
            )
        return _("am %(date)s (%(check)s)") % {
            "date": date_format(timezone.localtime(check.ran_at), "DATE_FORMAT"),
            "check": check,
        }

    @admin.display(description=_("Vom System ergänzt"))
    def inaccessible_list(self, obj):
        """What the statement adds to the staff's list by itself, so it is not written twice."""
        items = obj.inaccessible_content() if obj else []
        if not items:
            return _("nichts")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}: {}</li>", ((i.what, i.reason) for i in items)),
        )


@admin.register(SiteSettings)
class SiteSettingsAdmin(HeldImagesAdminMixin, RevisionAdmin, TranslatedAdmin):
    """
    One row, edited by the lead alone (roles.py gives editors no right on
    it): the facts the city answers for in the Impressum take effect on
    saving, with every version kept.
    """

    publish_permission = "site.change_sitesettings"
    pending_changes = False
    readonly_fields = ["updated"]
    formfield_overrides = {ImageField: {"widget": ImageInput}}
    fieldsets = [
        (
            _("Auftritt"),
            {
                "fields": [
                    "city_name",
                    "site_name",
                    "site_description",
                    "emblem",
                    "accent_color",
                    "updated",
                ]
            },
        ),
        (
            _("Betreiberin (für das Impressum)"),
            {
                "fields": [
                    "operator_name",
                    "operator_representative",
                    "operator_address",
                    ("operator_phone", "operator_email"),
                    "vat_id",
                    "supervisory_authority",
                    "editorial_responsible",
                ]
            },
        ),
        (
            _("Ansprechstellen"),
            {
                "fields": ["dpo_contact", "accessibility_contact"],
                "description": _(
                    "Erscheinen in der Datenschutzerklärung und in der Erklärung zur "
                    "Barrierefreiheit."
                ),
            },
        ),
        (
            _("Offene Daten"),
            {
                "fields": ["data_licence"],
                "description": _(
                    "Das Partnerschaftsregister und die Jahreszahlen stehen unter /daten/ "
                    "zum Herunterladen. Die Lizenz steht in den Dateien und auf der Seite."
                ),
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Straight to the one row's form, or to the form that makes it."""
        stored = SiteSettings.objects.first()
        opts = self.model._meta
        if stored is None:
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_add")
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", stored.pk)

    def get_changeform_initial_data(self, request):
        """The first row starts from the values the settings gave the site so far."""
        initial = SiteSettings.from_settings()
        return {
            f"site_name_{SOURCE_LANGUAGE}": initial.site_name,
            f"site_description_{SOURCE_LANGUAGE}": initial.site_description,
            "accent_color": initial.accent_color,
            **super().get_changeform_initial_data(request),
        }


@admin.register(Notice)
class NoticeAdmin(RevisionAdmin, TranslatedAdmin):
    """Notices are the lead's: they reach every page at the time set, without review."""

    publish_permission = "site.change_notice"
    pending_changes = False
    list_display = ["title", "starts_at", "ends_at", "shown_now"]
    readonly_fields = ["updated"]
    fieldsets = [(None, {"fields": ["title", "text", ("starts_at", "ends_at"), "updated"]})]

    @admin.display(description=_("jetzt sichtbar"), boolean=True)
    def shown_now(self, obj):
        return obj.is_shown_at(timezone.now())


@admin.register(Page)
class PageAdmin(WorkflowAdminMixin, CreditedImageAdminMixin, RevisionAdmin, TranslatedAdmin):
    publish_permission = "site.publish_page"
    list_display = ["title", "address", "parent", "menu", "status", "visibility", "thumbnail"]
    list_select_related = ["parent"]
    list_filter = ["status", "menu", "section"]
    search_fields = ["title", "body"]
    readonly_fields = ["address", "image_preview", "created_by", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("Ort auf der Website"),
            {"fields": ["parent", "address", "section", ("menu", "menu_order")]},
        ),
        (_("Veröffentlichung"), {"fields": WorkflowAdminMixin.workflow_fields}),
        CreditedImageAdminMixin.image_fieldset,
        (
            _("Verwaltung"),
            {"fields": ["created_by", "created", "updated"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description=_("Adresse"))
    def address(self, obj):
        if not obj.pk:
            return _("Wird beim Speichern aus dem Kurznamen gebildet.")
        return format_html("/{}/", obj.paths.get("de", ""))
