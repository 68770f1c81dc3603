from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from cities.models import City
from core import notifications
from core.admin import URL_FIELDS_ASSUME_HTTPS
from core.comparison import field_changes
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
    Contact,
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
    radio_fields = {"date_precision": admin.VERTICAL}


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
    fields = ["title", "kind", "start_date", "end_date", "contact", "published"]
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
    search_fields = ["partner_city__name", "summary", "association__name"]
    # Contacts in a plain list: select2's empty field has no accessible name,
    # and a city keeps a few dozen contacts at most.
    autocomplete_fields = ["partner_city"]
    radio_fields = {"established_precision": admin.VERTICAL}
    readonly_fields = ["created", "updated"]
    inlines = [StatusChangeInline, InstitutionalTieInline, AgreementInline, ProjectInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    fieldsets = [
        (None, {"fields": ["home_city", "partner_city", "slug", "kind", "published"]}),
        (
            _("Seit wann und wie es steht"),
            {
                "fields": [
                    ("established_year", "established_on"),
                    "established_precision",
                    "status",
                    "status_note",
                ]
            },
        ),
        (_("Texte"), {"fields": ["summary", "description"]}),
        (_("Partnerschaftsverein"), {"fields": ["association"]}),
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
    search_fields = ["title", "description", "contact__name"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["partnership", "title", "kind", "cooperation_area", "published"]}),
        (_("Wann"), {"fields": [("start_date", "end_date")]}),
        (_("Beschreibung"), {"fields": ["description"]}),
        (_("Kontakt zum Mitmachen"), {"fields": ["contact"]}),
    ]


@admin.register(Contact)
class ContactAdmin(RevisionAdmin, TranslatedAdmin):
    """
    Contacts are corrected at once by any editor, with history; the donation
    account only by the lead, and every change to it is logged and mailed to
    every lead.
    """

    publish_permission = PUBLISH_PARTNERSHIP
    # Not about visibility: these fields are simply the lead's to set.
    publish_fields = Contact.sensitive_fields
    list_display = ["name", "role", "email", "phone", "has_donation_account"]
    search_fields = ["name", "role", "person_name", "email"]
    readonly_fields = ["consent_recorded_by"]
    formfield_overrides = {**CHECKBOXES, **URL_FIELDS_ASSUME_HTTPS}
    fieldsets = [
        (None, {"fields": ["name", "role", "cities"]}),
        (
            _("Erreichbarkeit"),
            {
                "fields": ["address", ("phone", "email"), "website", "opening_hours"],
                "description": _(
                    "Alles hier ist öffentlich. Bitte Funktionsadressen und Nummern "
                    "des Vereins oder der Stelle nennen, keine privaten."
                ),
            },
        ),
        (
            _("Ansprechperson"),
            {
                "fields": [
                    "person_name",
                    ("consent_on", "consent_recorded_by"),
                    "consent_withdrawn_on",
                ],
                "description": _(
                    "Nur ausfüllen, wenn eine Privatperson genannt werden soll und "
                    "schriftlich eingewilligt hat. Bei Widerruf das Datum eintragen und "
                    "speichern: der Name verschwindet sofort von allen Seiten."
                ),
            },
        ),
        (
            _("Spendenkonto"),
            {
                "fields": ["account_holder", ("iban", "bic"), "donation_purpose"],
                "description": _(
                    "Nur für Hilfsaktionen. Ändern kann es nur die Redaktionsleitung; "
                    "jede Änderung wird protokolliert und allen in der "
                    "Redaktionsleitung per E-Mail gemeldet."
                ),
            },
        ),
    ]

    @admin.display(description=_("Spendenkonto"), boolean=True)
    def has_donation_account(self, obj):
        return obj.has_donation_account

    def publication_message(self, obj, form):
        changed = [name for name in Contact.sensitive_fields if name in form.changed_data]
        if not changed:
            return None
        labels = ", ".join(str(Contact._meta.get_field(name).verbose_name) for name in changed)
        return _("Spendenkonto geändert: %(fields)s") % {"fields": labels}

    def save_model(self, request, obj, form, change):
        if {"person_name", "consent_on"} & set(form.changed_data) and obj.consent_on:
            obj.consent_recorded_by = request.user
        before = Contact.objects.filter(pk=obj.pk).first() if change else Contact()
        super().save_model(request, obj, form, change)
        changes = [c for c in field_changes(Contact, before, obj) if c.is_sensitive]
        if changes:
            notifications.sensitive_change(obj, by=request.user, changes=changes)
