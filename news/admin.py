from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import CreditedImageAdminMixin
from core.editorial import (
    EditorialAdminMixin,
    OptimisticLockingForm,
    ReadOnlyAdminMixin,
    RevisionAdmin,
)
from core.listfilters import titled
from core.translation_admin import TranslatedAdmin

from .models import Article, Category, ImportedPost, LegacyRedirect, PreviewLink
from .notifications import status_changed


@admin.register(Category)
class CategoryAdmin(EditorialAdminMixin, TranslatedAdmin):
    # A category in use shows its name on live pages: the lead changes it.
    publish_permission = "news.publish_article"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


# The workflow buttons beside "Sichern", and the status each one sets.
WORKFLOW_BUTTONS = {
    "_submit_review": Article.Status.REVIEW,
    "_publish": Article.Status.PUBLISHED,
    "_send_back": Article.Status.DRAFT,
    "_withdraw": Article.Status.WITHDRAWN,
}


class ArticleAdminForm(OptimisticLockingForm):
    # Set per request by ArticleAdmin.get_form.
    can_publish = False

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pressed = [name for name in WORKFLOW_BUTTONS if name in self.data]
        if pressed and "status" in self.fields:
            # The button decides the status; the status choices below still
            # decide whether this user may give it.
            self.data = self.data.copy()
            self.data[self.add_prefix("status")] = WORKFLOW_BUTTONS[pressed[0]]
        if "status" in self.fields:
            allowed = self.instance.allowed_statuses(self.can_publish)
            self.fields["status"].choices = [
                choice for choice in Article.Status.choices if choice[0] in allowed
            ]

    def clean(self):
        cleaned_data = super().clean()
        sent_back = (
            self.instance.pk
            and self.instance.status != Article.Status.DRAFT
            and cleaned_data.get("status") == Article.Status.DRAFT
            and self.can_publish
        )
        if sent_back and "review_comment" not in self.changed_data:
            self.add_error(
                "review_comment",
                ValidationError(
                    _("Bitte schreiben Sie dazu, was vor der Veröffentlichung noch zu tun ist."),
                    code="comment_required",
                ),
            )
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(CreditedImageAdminMixin, RevisionAdmin, TranslatedAdmin):
    form = ArticleAdminForm
    publish_permission = "news.publish_article"
    # Status is guarded by ArticleAdminForm's choices; the note is the lead's.
    publish_fields = ("review_comment",)
    change_form_template = "admin/news/article/change_form.html"
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
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
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body"]}),
        (
            _("Veröffentlichung"),
            {"fields": ["status", "review_comment", ("publish_at", "unpublish_at"), "byline"]},
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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = self.can_publish(request)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self.workflow_buttons(request, obj, context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_buttons(self, request, obj, context):
        """The next steps this user can take with the article, as (name, label)."""
        if context.get("proposing") or not self.has_change_permission(request, obj):
            return []
        status = obj.status if obj else Article.Status.DRAFT
        if not self.can_publish(request):
            if status == Article.Status.DRAFT:
                return [("_submit_review", _("Zur Prüfung einreichen"))]
            return []
        buttons = []
        if status != Article.Status.PUBLISHED:
            publish_at = obj.publish_at if obj else None
            if publish_at and publish_at > timezone.now():
                label = _("Planen für %(date)s") % {
                    "date": date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")
                }
            else:
                label = _("Veröffentlichen")
            buttons.append(("_publish", label))
        if status == Article.Status.REVIEW:
            buttons.append(("_send_back", _("Zurück an die Redaktion")))
        if status == Article.Status.PUBLISHED:
            buttons.append(("_withdraw", _("Zurückziehen")))
        return buttons

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
        status_changed(obj, form.initial.get("status"), by=request.user)
        if "status" in form.changed_data and obj.status == Article.Status.REVIEW:
            self.message_user(
                request,
                _("„%(title)s“ wartet jetzt auf Prüfung durch die Redaktionsleitung.")
                % {"title": obj},
                messages.INFO,
            )

    def publication_message(self, obj, form):
        if "status" not in form.changed_data:
            return None
        if obj.status == Article.Status.PUBLISHED:
            if obj.publish_at > timezone.now():
                return _("Veröffentlichung geplant")
            return _("Veröffentlicht")
        if obj.status == Article.Status.WITHDRAWN:
            return _("Zurückgezogen")
        if obj.status == Article.Status.DRAFT and form.initial.get("status") != obj.status:
            return _("Zur Überarbeitung zurückgegeben")
        return None

    @admin.action(description=_("Ausgewählte Beiträge veröffentlichen"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            problems = article.accessibility_problems()
            if problems:
                self.message_user(
                    request,
                    _("„%(title)s“ bleibt unveröffentlicht: %(problems)s")
                    % {"title": article, "problems": " ".join(problems)},
                    messages.ERROR,
                )
                continue
            previous, article.status = article.status, Article.Status.PUBLISHED
            article._history_user = request.user
            article.save()
            self.log_change(request, article, _("Veröffentlicht"))
            status_changed(article, previous, by=request.user)
            published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Beitrag veröffentlicht.",
                    "%(count)d Beiträge veröffentlicht.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Ausgewählte Beiträge zurückziehen"), permissions=["publish"])
    def withdraw(self, request, queryset):
        withdrawn = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.WITHDRAWN
            article._history_user = request.user
            article.save()
            self.log_change(request, article, _("Zurückgezogen"))
            withdrawn += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Beitrag zurückgezogen.", "%(count)d Beiträge zurückgezogen.", withdrawn
            )
            % {"count": withdrawn},
            messages.SUCCESS,
        )

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
