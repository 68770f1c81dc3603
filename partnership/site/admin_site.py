from django.conf import settings
from django.contrib import admin, messages
from django.forms import modelform_factory
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.models import NotificationSetting
from core.pending import PendingChange
from news.models import Article

from . import two_factor


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
        return [setup, notifications, *super().get_urls()]

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
