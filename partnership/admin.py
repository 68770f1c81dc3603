from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from cities.models import City
from core import notifications
from core.admin import URL_FIELDS_ASSUME_HTTPS, CreditedImageAdminMixin
from core.comparison import field_changes
from core.editorial import (
    EditorialAdminMixin,
    EditorialInlineMixin,
    OptimisticLockingForm,
    RevisionAdmin,
)
from core.forms import DocumentInput, EuroField
from core.listfilters import BY_PUBLICATION, titled
from core.translation_admin import TranslatedAdmin
from core.uploads import FileField

from .models import (
    EVENT_TIME_ZONE,
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
    fields = ["title", "kind", "start_date", "end_date", "contact", "is_event", "published"]
    # An event needs its place and times, which only the project's own form has.
    readonly_fields = ["is_event"]
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


def signups_of_each(projects):
    """
    ``projects`` with the people holding a confirmed place and the sign-ups
    on the waiting list, as two subqueries of the list's one query.
    """
    # The sign-up model sits in a layer above this module; its queryset
    # rules are reached through the relation instead of an import.
    signups = Project._meta.get_field("signups").related_model.objects

    def per_event(rows, total):
        rows = rows.filter(event=OuterRef("pk")).order_by().values("event")
        return Subquery(rows.annotate(total=total).values("total"))

    return projects.annotate(
        confirmed_people=per_event(signups.confirmed(), Sum("party_size")),
        waiting_count=per_event(signups.waiting_list(), Count("pk")),
    )


class PartnershipFilter(admin.RelatedFieldListFilter):
    """Partnerships named by both cities, read in one query."""

    def field_choices(self, field, request, model_admin):
        partnerships = Partnership.objects.select_related("home_city", "partner_city")
        return [(partnership.pk, str(partnership)) for partnership in partnerships]


class SignUpOpenFilter(admin.SimpleListFilter):
    """Events whose form takes sign-ups now: switched on, not cancelled, before the deadline."""

    # The admin heads it "Nach Anmeldung".
    title = _("Anmeldung")
    parameter_name = "anmeldung"

    def lookups(self, request, model_admin):
        return [("offen", _("Anmeldung offen")), ("zu", _("keine Anmeldung möglich"))]

    def queryset(self, request, queryset):
        # The rule of partnership.participation.places.is_open, in SQL: without
        # a deadline, sign-up closes when the event begins (an all-day one: on
        # its first morning), in German time as the event's times are.
        now = timezone.localtime(timezone.now(), EVENT_TIME_ZONE)
        begins_later = Q(start_date__gt=now.date()) | Q(
            start_date=now.date(), start_time__gt=now.time()
        )
        open_q = (
            Q(is_event=True, signup_enabled=True)
            & ~Q(event_status=Project.EventStatus.CANCELLED)
            & (Q(signup_deadline__gt=now) | Q(signup_deadline__isnull=True) & begins_later)
        )
        if self.value() == "offen":
            return queryset.filter(open_q)
        if self.value() == "zu":
            return queryset.exclude(open_q)
        return queryset


# What the project form says instead of the database's limits and Django's
# general wording. Limits checked by the form stop the input before the
# model's own range check ("kleiner oder gleich 9223372036854775807").
PROJECT_FORM_FIELDS = {
    "slug": {
        "error_messages": {
            "unique": _("Diesen Kurznamen hat schon ein anderes Projekt oder ein anderer Termin."),
        },
    },
    "capacity": {
        "min_value": 1,
        "max_value": 100_000,
        "error_messages": {
            "min_value": _("Bitte mindestens einen Platz angeben oder das Feld leer lassen."),
            "max_value": _(
                "Höchstens 100.000 Plätze. Ist die Zahl der Plätze nicht begrenzt, "
                "bitte das Feld leer lassen."
            ),
        },
    },
    "max_party_size": {
        "min_value": 1,
        "max_value": 50,
        "error_messages": {
            "required": _("Bitte angeben, für wie viele Personen eine Anmeldung gelten kann."),
            "min_value": _("Eine Anmeldung gilt für mindestens eine Person."),
            "max_value": _("Höchstens 50 Personen je Anmeldung."),
        },
    },
}


@admin.register(Project)
class ProjectAdmin(CreditedImageAdminMixin, EditorialAdminMixin, TranslatedAdmin):
    """
    Projects and events. A live event, its sign-up settings included, is
    the lead's to change: editors prepare events as drafts.
    """

    publish_permission = PUBLISH_PARTNERSHIP
    publish_fields = ("published",)
    # Few, narrow columns: the list fits a laptop screen; the kind is a filter.
    list_display = ["title", "partnership", "dates", "event_state", "signup_numbers", "published"]
    list_filter = [
        BY_PUBLICATION,
        "is_event",
        SignUpOpenFilter,
        "kind",
        "cooperation_area",
        ("partnership", PartnershipFilter),
    ]
    list_select_related = ["partnership__home_city", "partnership__partner_city"]
    search_fields = ["title", "description", "place_name", "contact__name"]
    date_hierarchy = "start_date"
    readonly_fields = ["image_preview", "signup_summary", "event_links"]
    fieldsets = [
        (None, {"fields": ["partnership", "title", "kind", "cooperation_area", "published"]}),
        (
            _("Wann"),
            {
                "fields": [("start_date", "end_date"), ("start_time", "end_time")],
                "description": _(
                    "Uhrzeiten nur für Termine zum Mitmachen; bei Projekten und ganztägigen "
                    "Terminen leer lassen."
                ),
            },
        ),
        (_("Beschreibung"), {"fields": ["description"]}),
        (_("Kontakt zum Mitmachen"), {"fields": ["contact"]}),
        (
            _("Für Barometer und Jahresbericht"),
            {
                # One field a line: Django opens a folded section with an
                # error only when the field is listed on its own.
                "fields": [
                    "participants_home",
                    "participants_partner",
                    "costs",
                    "funding_amount",
                    "funding_source",
                    "costs_public",
                ],
                "classes": ["collapse"],
                "description": _(
                    "Freiwillige Angaben für das Partnerschaftsbarometer und den "
                    "Jahresbericht an den Rat. Teilnehmende erst nach dem Projekt eintragen."
                ),
            },
        ),
        (
            _("Termin zum Mitmachen"),
            {
                "fields": [
                    "is_event",
                    "event_links",
                    "slug",
                    "event_status",
                    "original_start_date",
                    "place_name",
                    "place_address",
                    ("latitude", "longitude"),
                    "online",
                    ("fee", "fee_note"),
                    "audience",
                    "bring",
                ],
                "description": _(
                    "Nur für Termine zum Mitmachen: Sie erscheinen unter „Mitmachen“ mit "
                    "eigener Seite und Kalenderdatei. Datum und Uhrzeit oben unter „Wann“."
                ),
            },
        ),
        CreditedImageAdminMixin.image_fieldset,
        (
            _("Anmeldung"),
            {
                "fields": [
                    "signup_summary",
                    "signup_enabled",
                    ("capacity", "signup_deadline"),
                    "waiting_list",
                    "for_minors",
                    "ask_phone",
                    ("ask_party_size", "max_party_size"),
                    "ask_age_group",
                    "ask_diet",
                    "question",
                ],
                "description": _(
                    "Name und E-Mail-Adresse fragt das Formular immer. Gespeichert wird nur, "
                    "was hier angekreuzt ist; die Angaben werden nach dem Termin automatisch "
                    "gelöscht."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return signups_of_each(super().get_queryset(request))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Staff write amounts of euros as "1.500,50"; coordinates, copied
        # from a map service, keep their point.
        if db_field.name in ("fee", "costs", "funding_amount"):
            kwargs.setdefault("form_class", EuroField)
        kwargs.update(PROJECT_FORM_FIELDS.get(db_field.name, {}))
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Folded where they do not apply yet: a project that is no event, or
        # an event without sign-up. Opening the fold shows everything.
        folded = set()
        if obj is None or not obj.is_event:
            folded |= {_("Termin zum Mitmachen"), _("Anmeldung")}
        elif not obj.signup_enabled and not obj.signups.exists():
            folded.add(_("Anmeldung"))
        return [
            (name, {**options, "classes": [*options.get("classes", ()), "collapse"]})
            if name in folded
            else (name, options)
            for name, options in fieldsets
        ]

    @admin.display(description=_("Wann"), ordering="start_date")
    def dates(self, obj):
        start = date_format(obj.start_date, "SHORT_DATE_FORMAT")
        if obj.end_date is None or obj.end_date == obj.start_date:
            return start
        return f"{start} – {date_format(obj.end_date, 'SHORT_DATE_FORMAT')}"

    @admin.display(description=_("Stand"), ordering="event_status")
    def event_state(self, obj):
        if not obj.is_event:
            return None
        if obj.is_moved and obj.original_start_date:
            return _("verschoben (war %(date)s)") % {
                "date": date_format(obj.original_start_date, "SHORT_DATE_FORMAT")
            }
        return obj.get_event_status_display()

    @admin.display(description=_("Anmeldungen"))
    def signup_numbers(self, obj):
        if not obj.signup_enabled and not (obj.confirmed_people or obj.waiting_count):
            return None
        people = obj.confirmed_people or 0
        if obj.capacity is None:
            text = _("%(people)d, ohne Grenze") % {"people": people}
        else:
            text = _("%(people)d von %(places)d") % {"people": people, "places": obj.capacity}
        if obj.waiting_count:
            text += ", " + _("Warteliste %(count)d") % {"count": obj.waiting_count}
        return text

    @admin.display(description=_("Stand der Anmeldungen"))
    def signup_summary(self, obj):
        if obj is None or obj.pk is None:
            return _("Noch keine Anmeldungen: Der Termin ist noch nicht gespeichert.")
        signups = obj.signups.all()
        count = getattr(obj, "signup_count", None)
        if count is not None:
            return _(
                "Die personenbezogenen Daten der Anmeldungen wurden am %(date)s gelöscht. "
                "Es bleiben die Zahlen: %(confirmed)d bestätigte Anmeldungen mit "
                "%(people)d Personen, %(waiting)d auf der Warteliste, %(cancelled)d abgesagt."
            ) % {
                "date": date_format(timezone.localtime(count.purged_at), "SHORT_DATE_FORMAT"),
                "confirmed": count.confirmed,
                "people": count.people,
                "waiting": count.waiting,
                "cancelled": count.cancelled,
            }
        state = signups.model.State
        holding = signups.holding_places().filter(state=state.UNCONFIRMED)
        numbers = {
            "people": signups.confirmed().people(),
            "places": obj.capacity if obj.capacity is not None else _("unbegrenzt"),
            "holding": holding.people(),
            "waiting": signups.waiting_list().count(),
            "cancelled": signups.filter(state=state.CANCELLED).count(),
        }
        text = (
            _(
                "Bestätigte Personen: %(people)s von %(places)s Plätzen · noch nicht "
                "bestätigt, Platz freigehalten: %(holding)s Personen · Warteliste: "
                "%(waiting)s · abgesagt: %(cancelled)s"
            )
            % numbers
        )
        url = reverse("admin:participation_signup_changelist") + f"?event__id__exact={obj.pk}"
        return format_html('{}<br><a href="{}">{}</a>', text, url, _("Liste der Anmeldungen"))

    @admin.display(description=_("Seite und Kalender"))
    def event_links(self, obj):
        if obj is None or obj.pk is None or not obj.is_event:
            return _("Seite und Kalenderdatei gibt es, sobald der Termin gespeichert ist.")
        links = format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("Seite ansehen"),
            reverse("participation:event-calendar", kwargs={"slug": obj.slug}),
            _("Kalenderdatei"),
        )
        if obj.is_published():
            return links
        return format_html(
            "{}<br>{}", links, _("Beide sind erst erreichbar, wenn der Termin veröffentlicht ist.")
        )


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
