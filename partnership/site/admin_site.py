from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
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
from .checks import launch_problems
from .models import LegalPage, Notice, Page, SiteSettings

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
    SiteSettings: (),
    Notice: (),
}

# What goes through the editorial workflow, for the start page's worklists.
WORKFLOW_MODELS = (Article, Page)


def permission(model, action):
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def admin_change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


class EditorialAdminSite(admin.AdminSite):
    """The admin in German, opening on what waits for the signed-in editor."""

    index_title = _("Inhalte pflegen")
    login_form = two_factor.AdminLoginForm
    worklist_length = 8
    # Django's "-" for an empty cell reads like a stray character.
    empty_value_display = "–"

    @property
    def site_header(self):
        return _("%(site)s – Verwaltung") % {"site": SiteSettings.current().site_name}

    @property
    def site_title(self):
        return SiteSettings.current().site_name

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
                    "url": admin_change_url(obj),
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
            "launch_problems": self.launch_problems(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

    def launch_problems(self, request):
        """Vor dem Start, for those who can put it right (checks.py, as the deployment check)."""
        if not request.user.has_perm("site.change_sitesettings"):
            return []
        return launch_problems()

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
        """
        Articles and pages waiting for someone, each list merged from the
        models whose workflow (core/workflow.py) the user may see.
        """
        user = request.user
        models = [model for model in WORKFLOW_MODELS if user.has_perm(permission(model, "view"))]
        if not models:
            return []
        lists = [
            (
                _("Meine Entwürfe"),
                lambda rows: rows.drafts().filter(created_by=user),
                "-updated",
                _("Keine Entwürfe von Ihnen."),
            ),
            (
                _("Warten auf Prüfung"),
                lambda rows: rows.awaiting_review(),
                "updated",
                _("Nichts wartet auf Prüfung."),
            ),
            (_("Geplant"), lambda rows: rows.scheduled(), "publish_at", _("Nichts ist geplant.")),
            (
                _("Kürzlich veröffentlicht"),
                lambda rows: rows.published(),
                "-publish_at",
                _("Noch nichts veröffentlicht."),
            ),
        ]
        return [
            {
                "title": title,
                "items": self._worklist(request, models, select, order),
                "empty": empty,
            }
            for title, select, order, empty in lists
        ]

    def _worklist(self, request, models, select, order):
        """The first rows of ``select`` over ``models``, merged in ``order``."""
        field = order.lstrip("-")
        rows = []
        for model in models:
            shown = {"title", "status", "publish_at", "byline", "review_comment", field}
            columns = shown & {column.name for column in model._meta.concrete_fields}
            queryset = select(model.objects.only(*columns)).order_by(order, "-pk")
            can_change = request.user.has_perm(permission(model, "change"))
            rows += [(obj, can_change) for obj in queryset[: self.worklist_length]]
        rows.sort(key=lambda row: getattr(row[0], field), reverse=order.startswith("-"))
        return [
            {
                "object": obj,
                "kind": obj._meta.verbose_name,
                "url": admin_change_url(obj) if can_change else None,
            }
            for obj, can_change in rows[: self.worklist_length]
        ]
