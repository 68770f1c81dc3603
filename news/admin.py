from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.admin import CreditedImageAdminMixin

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


@admin.register(Article)
class ArticleAdmin(CreditedImageAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "visibility",
        "publish_at",
        "byline",
        "created_by",
        "city_list",
        "thumbnail",
    ]
    list_filter = ["status", "categories", "cities", "publish_at"]
    list_select_related = ["created_by"]
    search_fields = ["title", "teaser", "body", "byline"]
    date_hierarchy = "publish_at"
    readonly_fields = ["image_preview", "created_by", "created", "updated"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (
            _("Veröffentlichung"),
            {"fields": ["status", ("publish_at", "unpublish_at"), "byline"]},
        ),
        CreditedImageAdminMixin.image_fieldset,
        (
            _("Zuordnung"),
            {
                "fields": ["categories", "cities", "partnerships", "cooperation_areas"],
                "description": _(
                    "Der Beitrag erscheint auch auf den Seiten der gewählten Städte "
                    "und Partnerschaften."
                ),
            },
        ),
        (
            _("Verwaltung"),
            {"fields": ["created_by", "created", "updated"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cities")

    @admin.display(description=_("Sichtbarkeit"))
    def visibility(self, obj):
        return obj.visibility()

    @admin.display(description=_("Städte"))
    def city_list(self, obj):
        return ", ".join(city.name for city in obj.cities.all()) or "–"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
