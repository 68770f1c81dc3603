from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.admin import URL_FIELDS_ASSUME_HTTPS
from cities.models import City

from .models import (
    Agreement,
    CooperationArea,
    InstitutionalTie,
    Partnership,
    Project,
    StatusChange,
)

CHECKBOXES = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}


@admin.register(CooperationArea)
class CooperationAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0


class InstitutionalTieInline(admin.TabularInline):
    model = InstitutionalTie
    extra = 0


class AgreementInline(admin.StackedInline):
    model = Agreement
    extra = 0
    formfield_overrides = CHECKBOXES
    show_change_link = True


class ProjectInline(admin.TabularInline):
    model = Project
    extra = 0
    fields = ["title", "kind", "start_date", "end_date", "published"]
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["partner_city", "kind", "status", "established_year", "published", "updated"]
    list_filter = ["status", "kind", "published"]
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


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "signed_on", "place"]
    list_filter = ["cooperation_areas", "partnership"]
    list_select_related = ["partnership__home_city", "partnership__partner_city"]
    search_fields = ["title", "summary", "signatories", "partnership__partner_city__name"]
    date_hierarchy = "signed_on"
    formfield_overrides = CHECKBOXES


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "kind", "start_date", "end_date", "published"]
    list_filter = ["published", "kind", "cooperation_area", "partnership"]
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
