"""
The workflow of a WorkflowModel (core/workflow.py) in its RevisionAdmin
(core/editorial.py): the buttons beside "Sichern", the bulk actions, the
audit messages and the mails (core/notifications.py) a new status sends.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import notifications
from .editorial import OptimisticLockingForm
from .workflow import Status


def status_changed(obj, previous, *, by):
    """Sends the workflow mail for ``obj`` saved with a new status, in the same transaction."""
    if obj.status == previous:
        return
    if obj.status == Status.REVIEW:
        notifications.submitted(obj, by=by)
    elif obj.status == Status.PUBLISHED:
        notifications.published(obj, author=obj.created_by, by=by, when=obj.publish_at)
    elif (
        obj.status == Status.DRAFT
        and previous is not None
        # An editor taking back their own submission sends nothing back.
        and by.has_perm(notifications.publish_permission(obj))
    ):
        notifications.sent_back(obj, author=obj.created_by, by=by, comment=obj.review_comment)


# The workflow buttons beside "Sichern", and the status each one sets.
WORKFLOW_BUTTONS = {
    "_submit_review": Status.REVIEW,
    "_publish": Status.PUBLISHED,
    "_send_back": Status.DRAFT,
    "_withdraw": Status.WITHDRAWN,
}


class WorkflowAdminForm(OptimisticLockingForm):
    # Set per request by WorkflowAdminMixin.get_form.
    can_publish = False

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
                choice for choice in Status.choices if choice[0] in allowed
            ]

    def clean(self):
        cleaned_data = super().clean()
        sent_back = (
            self.instance.pk
            and self.instance.status != Status.DRAFT
            and cleaned_data.get("status") == Status.DRAFT
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


class WorkflowAdminMixin:
    """
    The workflow in the RevisionAdmin of a WorkflowModel.
    The status is guarded by the form's choices; the lead's note by
    ``publish_fields``. The change form's submit line shows
    ``workflow_buttons`` (templates/admin/submit_line.html).
    """

    form = WorkflowAdminForm
    publish_fields = ("review_comment",)
    actions = ["publish", "withdraw"]
    workflow_fields = ["status", "review_comment", ("publish_at", "unpublish_at")]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.can_publish = self.can_publish(request)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self.workflow_buttons(request, obj, context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_buttons(self, request, obj, context):
        """The next steps this user can take with the object, as (name, label)."""
        if context.get("proposing") or not self.has_change_permission(request, obj):
            return []
        status = obj.status if obj else Status.DRAFT
        if not self.can_publish(request):
            if status == Status.DRAFT:
                return [("_submit_review", _("Zur Prüfung einreichen"))]
            return []
        buttons = []
        if status != Status.PUBLISHED:
            publish_at = obj.publish_at if obj else None
            if publish_at and publish_at > timezone.now():
                label = _("Planen für %(date)s") % {
                    "date": date_format(timezone.localtime(publish_at), "DATETIME_FORMAT")
                }
            else:
                label = _("Veröffentlichen")
            buttons.append(("_publish", label))
        if status == Status.REVIEW:
            buttons.append(("_send_back", _("Zurück an die Redaktion")))
        if status == Status.PUBLISHED:
            buttons.append(("_withdraw", _("Zurückziehen")))
        return buttons

    @admin.display(description=_("Sichtbarkeit"))
    def visibility(self, obj):
        return obj.visibility()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        status_changed(obj, form.initial.get("status"), by=request.user)
        if "status" in form.changed_data and obj.status == Status.REVIEW:
            self.message_user(
                request,
                _("„%(title)s“ wartet jetzt auf Prüfung durch die Redaktionsleitung.")
                % {"title": obj},
                messages.INFO,
            )

    def publication_message(self, obj, form):
        if "status" not in form.changed_data:
            return None
        if obj.status == Status.PUBLISHED:
            if obj.publish_at > timezone.now():
                return _("Veröffentlichung geplant")
            return _("Veröffentlicht")
        if obj.status == Status.WITHDRAWN:
            return _("Zurückgezogen")
        if obj.status == Status.DRAFT and form.initial.get("status") != obj.status:
            return _("Zur Überarbeitung zurückgegeben")
        return None

    @admin.action(
        description=_("Ausgewählte %(verbose_name_plural)s veröffentlichen"),
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        published = 0
        for obj in queryset.exclude(status=Status.PUBLISHED):
            problems = obj.accessibility_problems()
            if problems:
                self.message_user(
                    request,
                    _("„%(title)s“ bleibt unveröffentlicht: %(problems)s")
                    % {"title": obj, "problems": " ".join(problems)},
                    messages.ERROR,
                )
                continue
            previous, obj.status = obj.status, Status.PUBLISHED
            obj._history_user = request.user
            obj.save()
            self.log_change(request, obj, _("Veröffentlicht"))
            status_changed(obj, previous, by=request.user)
            published += 1
        if published:
            self.message_user(
                request,
                _("%(count)d %(items)s veröffentlicht.")
                % {"count": published, "items": model_ngettext(queryset, published)},
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Ausgewählte %(verbose_name_plural)s zurückziehen"),
        permissions=["publish"],
    )
    def withdraw(self, request, queryset):
        withdrawn = 0
        for obj in queryset.filter(status=Status.PUBLISHED):
            obj.status = Status.WITHDRAWN
            obj._history_user = request.user
            obj.save()
            self.log_change(request, obj, _("Zurückgezogen"))
            withdrawn += 1
        self.message_user(
            request,
            _("%(count)d %(items)s zurückgezogen.")
            % {"count": withdrawn, "items": model_ngettext(queryset, withdrawn)},
            messages.SUCCESS,
        )
