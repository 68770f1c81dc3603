from django.conf import settings
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.forms import modelform_factory
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.models import NotificationSetting
from core.pending import PendingChange
from core.translation import STATE_LABELS, TRANSLATED_LANGUAGES, outdated_q
from core.translation_admin import language_label
from news.models import Article, Category
from partnership.models import Agreement, Contact, CooperationArea, Partnership, Project

from . import two_factor
from .models import LegalPage, Page

# Everything with translated texts, as the overview of translations lists it,
# and the related rows each needs for its name.
TRANSLATED_MODELS = {
    Article: (),
    City: (),
    Partnership: ("home_city", "partner_city"),
    Agreement: (),
    Project: (),
    Category: (),
    CooperationArea: (),
    Contact: (),
    LegalPage: (),
    Page: (),
}


class EditorialAdminSite(admin.AdminSite):
    """The admin in German, opening on what waits for the signed-in editor."""

    site_header = _("%(site)s – Verwaltung") % {"site": settings.SITE_NAME}
    site_title = settings.SITE_NAME
    index_title = _("Inhalte pflegen")
    login_form = two_factor.AdminLoginForm
    worklist_length = 8
    # Django's "-" for an empty cell reads like a stray character.
    empty_value_display = "–"

    def has_permission(self, request):
        verified = not settings.OTP_REQUIRED or request.user.is_verified()
        return super().has_permission(request) and verified

    def get_urls(self):
        setup = path(
            "zwei-faktor/",
            self.admin_view(lambda request: two_factor.setup_view(request, self)),
            name="two_factor",
        )
        notifications = path(
            "benachrichtigungen/",
            self.admin_view(self.notification_settings_view),
            name="notification_settings",
        )
        translations = path(
            "uebersetzungen/",
            self.admin_view(self.translations_view),
            name="translations",
        )
        return [setup, notifications, translations, *super().get_urls()]

    def translations_view(self, request):
        """Every translated object in every language it can be translated into, with its state."""
        models = {
            model._meta.model_name: model
            for model in TRANSLATED_MODELS
            if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        }
        chosen = {
            "inhalt": request.GET.get("inhalt", ""),
            "sprache": request.GET.get("sprache", ""),
            "stand": request.GET.get("stand", ""),
        }
        languages = [code for code in TRANSLATED_LANGUAGES if chosen["sprache"] in ("", code)]
        rows = []
        for name, model in models.items():
            if chosen["inhalt"] not in ("", name):
                continue
            objects = model._default_manager.select_related(*TRANSLATED_MODELS[model])
            for obj in objects.order_by("pk"):
                for code in languages:
                    state = obj.translation_state(code)
                    if chosen["stand"] in ("", state or "fehlt"):
                        rows.append((obj, code, state))
        page = Paginator(rows, 100).get_page(request.GET.get("seite"))
        context = {
            **self.each_context(request),
            "title": _("Übersetzungen"),
            "chosen": chosen,
            "filters": urlencode(chosen),
            "models": [(name, model._meta.verbose_name_plural) for name, model in models.items()],
            "languages": [(code, language_label(code)) for code in TRANSLATED_LANGUAGES],
            "states": [(state or "fehlt", label) for state, label in STATE_LABELS.items()],
            "page": page,
            "rows": [
                {
                    "object": obj,
                    "kind": obj._meta.verbose_name,
                    "language": language_label(code),
                    "state": STATE_LABELS[state],
                    "url": reverse(
                        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change",
                        args=[obj.pk],
                    ),
                }
                for obj, code, state in page
            ],
        }
        return render(request, "admin/translations.html", context)

    def notification_settings_view(self, request):
        """Every staff member switches their own workflow mails, without rights on accounts."""
        setting = NotificationSetting.objects.filter(user=request.user).first()
        form_class = modelform_factory(NotificationSetting, fields=["editorial"])
        form = form_class(
            request.POST or None, instance=setting or NotificationSetting(user=request.user)
        )
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Ihre Einstellungen sind gespeichert."))
            return redirect("admin:notification_settings")
        context = {
            **self.each_context(request),
            "title": _("Benachrichtigungen"),
            "form": form,
        }
        return render(request, "admin/notification_settings.html", context)

    def index(self, request, extra_context=None):
        extra_context = {
            "worklists": self.worklists(request),
            "outdated_translations": self.outdated_translations(request),
            "pending_changes": self.pending_changes(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def pending_changes(self, request):
        """Proposed changes to live content: all of them for those who may see them."""
        if not request.user.has_perm("core.view_pendingchange"):
            return []
        changes = PendingChange.objects.select_related("content_type", "author")
        return list(changes.order_by("state", "updated")[: self.worklist_length * 2])

    def outdated_translations(self, request):
        """How many objects have a translation whose German text changed since, in one query."""
        if not request.user.is_staff:
            return 0
        outdated = [
            model._default_manager.filter(outdated_q()).order_by().values("pk")
            for model in TRANSLATED_MODELS
        ]
        return outdated[0].union(*outdated[1:], all=True).count()

    def worklists(self, request):
        user = request.user
        if not user.has_perm("news.view_article"):
            return []
        articles = Article.objects.only(
            "title", "status", "publish_at", "byline", "review_comment"
        )
        limit = self.worklist_length
        lists = [
            (
                _("Meine Entwürfe"),
                articles.drafts().filter(created_by=user).order_by("-updated"),
                _("Keine Entwürfe von Ihnen."),
            ),
            (
                _("Warten auf Prüfung"),
                articles.awaiting_review().order_by("updated"),
                _("Kein Beitrag wartet auf Prüfung."),
            ),
            (
                _("Geplant"),
                articles.scheduled().order_by("publish_at"),
                _("Keine geplanten Beiträge."),
            ),
            (
                _("Kürzlich veröffentlicht"),
                articles.published(),
                _("Noch nichts veröffentlicht."),
            ),
        ]
        can_change = user.has_perm("news.change_article")
        return [
            {
                "title": title,
                "articles": queryset[:limit],
                "empty": empty,
                "can_change": can_change,
            }
            for title, queryset, empty in lists
        ]
