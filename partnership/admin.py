from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from cities.models import City
from core.admin import URL_FIELDS_ASSUME_HTTPS
from core.editorial import (
    EditorialAdminMixin,
    EditorialInlineMixin,
    OptimisticLockingForm,
    RevisionAdmin,
)
from core.forms import DocumentInput
from core.listfilters import BY_PUBLICATION, titled
from core.translation_admin import TranslatedAdmin
from core.uploads import FileField

from .models import (
    Agreement,
    CooperationArea,
    InstitutionalTie,
    Partnership,
    Project,
    StatusChange,
)

CHECKBOXES = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
AGREEMENT_FIELDS = {**CHECKBOXES, FileField: {"widget": DocumentInput}}
PUBLISH_PARTNERSHIP = "partnership.publish_partnership"


@admin.register(CooperationArea)
class CooperationAreaAdmin(EditorialAdminMixin, TranslatedAdmin):
    # An area in use shows its name on live pages: the lead changes it.
    publish_permission = PUBLISH_PARTNERSHIP
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


# Stacked, not tabular: a column per language would make the form wider
# than a laptop screen.
class StatusChangeInline(EditorialInlineMixin, TranslationStackedInline):
    model = StatusChange
    extra = 0


class InstitutionalTieInline(EditorialInlineMixin, admin.TabularInline):
    model = InstitutionalTie
    extra = 0


class AgreementDocumentCheck:
    """What the upload check found in an agreement's PDF, beside the box staff tick."""

    readonly_fields = ["document_check"]

    @admin.display(description=_("Prüfung beim Hochladen"))
    def document_check(self, obj):
        if obj is None or not obj.document or obj.document_tagged is None:
            return "–"
        if obj.document_tagged:
            return _("Tags gefunden: Das PDF kann barrierefrei sein. Bitte prüfen und bestätigen.")
        return _("Keine Tags gefunden: Das PDF ist nicht barrierefrei (z. B. ein Scan).")


class AgreementInline(AgreementDocumentCheck, EditorialInlineMixin, TranslationStackedInline):
    model = Agreement
    extra = 0
    formfield_overrides = AGREEMENT_FIELDS
    show_change_link = True


class ProjectInline(EditorialInlineMixin, TranslationStackedInline):
    model = Project
    publish_fields = ("published",)
    extra = 0
    fields = ["title", "kind", "start_date", "end_date", "published"]
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(RevisionAdmin, TranslatedAdmin):
    publish_permission = PUBLISH_PARTNERSHIP
    publish_fields = ("published",)
    list_display = ["partner_city", "kind", "status", "established_year", "published", "updated"]
    list_filter = [
        ("status", titled(admin.ChoicesFieldListFilter, _("Status"))),
        "kind",
        BY_PUBLICATION,
    ]
    list_select_related = ["partner_city"]
    search_fields = ["partner_city__name", "summary", "association_name"]
    autocomplete_fields = ["partner_city"]
    readonly_fields = ["created", "updated"]
    inlines = [StatusChangeInline, InstitutionalTieInline, AgreementInline, ProjectInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = [
        (None, {"fields": ["home_city", "partner_city", "slug", "kind", "published"]}),
        (
            _("Seit wann und wie es steht"),
            {"fields": [("established_year", "established_on"), "status", "status_note"]},
        ),
        (_("Texte"), {"fields": ["summary", "description"]}),
        (
            _("Partnerschaftsverein"),
            {"fields": ["association_name", "association_website", "association_contact"]},
        ),
        (_("Verwaltung"), {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        home = City.objects.home()
        if home is not None:
            initial.setdefault("home_city", home.pk)
        return initial


class AgreementAdminForm(OptimisticLockingForm):
    # Set per request by AgreementAdmin.get_form.
    can_publish = False

    def clean_partnership(self):
        partnership = self.cleaned_data["partnership"]
        if partnership.is_live() and not self.can_publish:
            raise ValidationError(
                _(
                    "Diese Partnerschaft ist veröffentlicht. Schlagen Sie die Vereinbarung "
                    "bitte in der Partnerschaft selbst vor; die Redaktionsleitung gibt sie frei."
                ),
                code="live_partnership",
            )
        return partnership


@admin.register(Agreement)
class AgreementAdmin(AgreementDocumentCheck, RevisionAdmin, TranslatedAdmin):
    publish_permission = PUBLISH_PARTNERSHIP
    # Editors propose agreements of live partnerships in the partnership.
    pending_changes = False
    form = AgreementAdminForm
    list_display = ["title", "partnership", "signed_on", "place", "document_accessible"]
    list_filter = [
        "document_accessible",
        (
            "cooperation_areas",
            titled(
                admin.RelatedFieldListFilter, _("Kooperationsfeld"), _("ohne Kooperationsfeld")
            ),
        ),
        "partnership",
    ]
    list_select_related = ["partnership__home_city", "partnership__partner_city"]
    search_fields = ["title", "summary", "signatories", "partnership__partner_city__name"]
    date_hierarchy = "signed_on"
    formfield_overrides = AGREEMENT_FIELDS

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = self.can_publish(request)
        return form


@admin.register(Project)
class ProjectAdmin(EditorialAdminMixin, TranslatedAdmin):
    publish_permission = PUBLISH_PARTNERSHIP
    publish_fields = ("published",)
    list_display = ["title", "partnership", "kind", "start_date", "end_date", "published"]
    list_filter = [BY_PUBLICATION, "kind", "cooperation_area", "partnership"]
    list_select_related = ["partnership__home_city", "partnership__partner_city"]
    search_fields = ["title", "description", "contact_name"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["partnership", "title", "kind", "cooperation_area", "published"]}),
        (_("Wann"), {"fields": [("start_date", "end_date")]}),
        (_("Beschreibung"), {"fields": ["description"]}),
        (
            _("Kontakt zum Mitmachen"),
            {"fields": ["contact_name", ("contact_email", "contact_phone")]},
        ),
    ]
