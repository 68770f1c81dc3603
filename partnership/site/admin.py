"""The admin of the site layer: legal pages and the audit trail."""

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin import URL_FIELDS_ASSUME_HTTPS
from core.editorial import ReadOnlyAdminMixin, RevisionAdmin
from core.forms import RemovableFileInput
from core.listfilters import titled
from core.translation_admin import TranslatedAdmin
from core.uploads import FileField

from .models import AccessibilityCheck, LegalPage


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
