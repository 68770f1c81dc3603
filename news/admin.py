from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin import CreditedImageAdminMixin
from core.editorial import (
    EditorialAdminMixin,
    ReadOnlyAdminMixin,
    RevisionAdmin,
)
from core.listfilters import titled
from core.translation_admin import TranslatedAdmin
from core.workflow_admin import WorkflowAdminMixin

from .models import Article, Category, ImportedPost, LegacyRedirect, PreviewLink


@admin.register(Category)
class CategoryAdmin(EditorialAdminMixin, TranslatedAdmin):
    # A category in use shows its name on live pages: the lead changes it.
    publish_permission = "news.publish_article"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, CreditedImageAdminMixin, RevisionAdmin, TranslatedAdmin):
    publish_permission = "news.publish_article"
    change_form_template = "admin/news/article/change_form.html"
    # Categories grow with every WordPress tag imported: a field that
    # searches them; the few cities, partnerships and areas stay checkboxes.
    autocomplete_fields = ["categories"]
    # Byline and author are in the form; the list fits a 1280 px screen without them.
    list_display = ["title", "status", "visibility", "publish_at", "city_list", "thumbnail"]
    list_filter = [
        "status",
        ("categories", titled(admin.RelatedFieldListFilter, _("Kategorie"), _("ohne Kategorie"))),
        ("cities", titled(admin.RelatedFieldListFilter, _("Stadt"), _("ohne Stadt"))),
        ("publish_at", titled(admin.DateFieldListFilter, _("Erscheinungsdatum"))),
    ]
    search_fields = ["title", "teaser", "body", "byline"]
    date_hierarchy = "publish_at"
    readonly_fields = ["image_preview", "created_by", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (
            _("Veröffentlichung"),
            {"fields": [*WorkflowAdminMixin.workflow_fields, "byline"]},
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

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["help_text"] = _(
                "Einen Teil des Namens eintippen und die Kategorie mit der Eingabetaste "
                "oder per Klick wählen; das × vor einem Namen nimmt sie wieder heraus."
            )
        else:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("Städte"))
    def city_list(self, obj):
        return ", ".join(city.name for city in obj.cities.all()) or "–"

    # --- Shared preview links -------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/vorschaulinks/",
                self.admin_site.admin_view(self.preview_links_view),
                name="news_article_preview_links",
            ),
            *super().get_urls(),
        ]

    def preview_links_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not request.user.has_perm("news.change_article"):
            raise PermissionDenied
        if request.method == "POST":
            return self._change_preview_links(request, article)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Vorschaulinks für „%s“") % article,
            "opts": self.model._meta,
            "article": article,
            "links": article.preview_links.select_related("created_by"),
            "default_days": settings.PREVIEW_LINK_DAYS,
        }
        return render(request, "admin/news/article/preview_links.html", context)

    def _change_preview_links(self, request, article):
        if "revoke" in request.POST:
            link = get_object_or_404(article.preview_links, pk=request.POST["revoke"])
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            self.message_user(request, _("Der Vorschaulink wurde widerrufen."), messages.SUCCESS)
        else:
            link, token = PreviewLink.objects.create_with_token(
                article=article,
                created_by=request.user,
                note=request.POST.get("note", "")[:200],
            )
            self.message_user(
                request,
                _(
                    "Neuer Vorschaulink, gültig bis %(date)s: %(url)s – Kopieren Sie ihn jetzt: "
                    "Er wird nur dieses eine Mal angezeigt und nirgends gespeichert."
                )
                % {
                    "date": timezone.localtime(link.expires_at).strftime("%d.%m.%Y %H:%M"),
                    "url": request.build_absolute_uri(link.url(token)),
                },
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:news_article_preview_links", args=[article.pk]))


@admin.register(PreviewLink)
class PreviewLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["article", "note", "created_by", "created", "state"]
    list_select_related = ["article", "created_by"]
    list_filter = [
        ("created", titled(admin.DateFieldListFilter, _("Erstellungsdatum"))),
        ("expires_at", titled(admin.DateFieldListFilter, _("Ablaufdatum"))),
    ]
    search_fields = ["article__title", "note"]


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path"]
    search_fields = ["old_path", "new_path"]


@admin.register(ImportedPost)
class ImportedPostAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["wordpress_id", "article", "imported"]
    list_select_related = ["article"]
    search_fields = ["article__title", "guid"]
