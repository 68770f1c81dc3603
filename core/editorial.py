"""
The editorial workflow in the admin, shared by every app's content models.

- Only staff with a model's publish permission change live content or the
  fields that make content live; a forged request gets 403.
- A form remembers the version it was opened at and refuses to overwrite a
  newer one (optimistic locking), keeping what the user typed.
- Every save is a revision (django-simple-history); staff compare any two,
  and those who may publish restore one as a new revision.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .comparison import ComparisonAdminMixin, field_changes
from .erasure import ErasureAdminMixin
from .pending_admin import PendingChangeAdminMixin

UNCHECKED_VALUES = {"", "0", "off", "false", "False"}


class EditorialAdminMixin:
    """
    Rights on live content. ``publish_permission`` names the permission that
    allows publishing; ``publish_fields`` are the fields only publishers set,
    on this model or its inlines: the ones that make content public first.
    """

    publish_permission = None
    publish_fields = ()

    def can_publish(self, request):
        return request.user.has_perm(self.publish_permission)

    # Admin actions with allowed_permissions=("publish",) ask this.
    def has_publish_permission(self, request):
        return self.can_publish(request)

    def is_locked(self, request, obj):
        """Live content is read-only for editors, unless their saves become proposals."""
        return (
            obj is not None
            and obj.is_live()
            and not self.can_publish(request)
            and not getattr(self, "pending_changes", False)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self.is_locked(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request):
            fields += [name for name in self.publish_fields if name not in fields]
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and not self.can_publish(request):
            self._refuse_forged_publishing(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _refuse_forged_publishing(self, request):
        # The fields are read-only for these users, so the browser never sends
        # them; a request that does was made by hand.
        guarded = set(self.publish_fields)
        for inline in self.inlines:
            guarded.update(getattr(inline, "publish_fields", ()))
        for key, value in request.POST.items():
            if key.rsplit("-", 1)[-1] in guarded and value not in UNCHECKED_VALUES:
                raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        # The admin drops actions a user may not run and then ignores a request
        # for one; a request naming one was forged and gets a clear refusal.
        requested = request.POST.get("action", "") if request.method == "POST" else ""
        declared = {
            action if isinstance(action, str) else action.__name__ for action in self.actions or ()
        } | {name for name, _func in self.admin_site.actions}
        if requested in declared and requested not in self.get_actions(request):
            raise PermissionDenied
        # Likewise a list edit where the list offers none.
        if request.method == "POST" and "_save" in request.POST and not self.list_editable:
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def response_action(self, request, queryset):
        # One transaction per bulk action, as for a form: the changes and the
        # mails they cause (core/outbox.py) are committed together or not at all.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "GET" and self.is_locked(request, obj):
            messages.info(
                request,
                _(
                    "Dieser Eintrag erscheint auf veröffentlichten Seiten. Ändern kann ihn "
                    "nur die Redaktionsleitung."
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publication_message(self, obj, form):
        """What the audit trail records when a save changes visibility, or None."""
        name = self.publish_fields[0] if self.publish_fields else None
        if name and name in form.changed_data:
            return (
                _("Veröffentlicht") if getattr(obj, name) else _("Veröffentlichung zurückgezogen")
            )
        return None

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        message = self.publication_message(obj, form)
        if message:
            self.log_change(request, obj, message)


class ReadOnlyAdminMixin:
    """For records nobody edits by hand: audit entries, issued preview links."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EditorialInlineMixin:
    """Inlines follow their parent: locked while it is live, for editors."""

    publish_fields = ()

    def _parent_locked(self, request, obj):
        return self._parent_admin().is_locked(request, obj)

    def _parent_admin(self):
        return self.admin_site.get_model_admin(self.parent_model)

    def _can_publish(self, request):
        return self._parent_admin().can_publish(request)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and not self._parent_locked(request, obj)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and not self._parent_locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not self._parent_locked(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self._can_publish(request):
            fields += [name for name in self.publish_fields if name not in fields]
        return fields


def revision_changes(newer, older):
    """A ``FieldChange`` for each field that differs between two revisions."""
    return field_changes(newer.instance_type, older, newer)


class OptimisticLockingForm(forms.ModelForm):
    """Refuses to save over changes made since the form was opened."""

    expected_version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set by the admin when the form edits a proposal for live content: its
    # pending change and a token of the live and proposed versions.
    proposal = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.current_version()
            self.fields["expected_version"].required = True

    def current_version(self):
        if self.proposal is not None:
            return self.proposal["token"]
        return str(self.instance.version)

    def clean(self):
        cleaned_data = super().clean()
        expected = cleaned_data.get("expected_version")
        if self.instance.pk and expected and expected != self.current_version():
            # Saving again after reading the message overwrites on purpose.
            self.data = self.data.copy()
            self.data[self.add_prefix("expected_version")] = self.current_version()
            raise ValidationError(self._conflict_message(expected), code="conflict")
        return cleaned_data

    def _conflict_message(self, expected):
        if self.proposal is not None:
            return self._proposal_conflict_message()
        return self._live_conflict_message(int(expected) if expected.isdigit() else None)

    def _proposal_conflict_message(self):
        pending = self.proposal["pending"]
        return _(
            "%(who)s hat die vorgeschlagene Änderung am %(when)s gespeichert, während Sie sie "
            "bearbeitet haben. Ihre Eingaben stehen unverändert unten. Übernehmen Sie, was "
            "von der anderen Fassung bleiben soll, und speichern Sie erneut; dann gilt Ihre "
            "Fassung."
        ) % _who_and_when(pending and pending.changed_by, pending and pending.updated)

    def _live_conflict_message(self, expected):
        history = self.instance.history.order_by("-history_date", "-history_id")
        latest, seen = history.first(), history.filter(version=expected).first()
        changes = revision_changes(latest, seen) if latest and seen else []
        details = "; ".join(
            f"{change.label}: „{Truncator(change.new).chars(160)}“" for change in changes
        )
        return _(
            "%(who)s hat diesen Inhalt am %(when)s gespeichert, während Sie ihn bearbeitet "
            "haben. Geändert wurde: %(details)s. Ihre Eingaben stehen unverändert unten. "
            "Übernehmen Sie, was von der anderen Fassung bleiben soll, und speichern Sie "
            "erneut; dann gilt Ihre Fassung."
        ) % {
            **_who_and_when(latest and latest.history_user, latest and latest.history_date),
            "details": details or _("unbekannt"),
        }


def _who_and_when(user, moment):
    """Who saved the other version and when, for a conflict message."""
    return {
        "who": user or _("Jemand"),
        "when": date_format(timezone.localtime(moment or timezone.now()), "DATETIME_FORMAT"),
    }


class RevisionAdmin(
    ComparisonAdminMixin,
    EditorialAdminMixin,
    ErasureAdminMixin,
    PendingChangeAdminMixin,
    SimpleHistoryAdmin,
):
    """History with field-by-field comparison; restoring is a publisher's right."""

    form = OptimisticLockingForm
    object_history_template = "admin/revision_history.html"

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        # Before simple-history's own, which would read "compare" as a revision id.
        return [compare, *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        return self.with_version_field(super().get_fieldsets(request, obj), obj)

    @staticmethod
    def with_version_field(fieldsets, obj):
        """The locking form's hidden field, in the first fieldset of a change form."""
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        first = {**options, "fields": [*options["fields"], "expected_version"]}
        return [(name, first), *rest]

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.order_by("-history_date", "-history_id"))
        try:
            newer = self._pick(records, request.GET.get("neu"), default=0)
            older = self._pick(records, request.GET.get("alt"), default=1)
        except (ValueError, IndexError, StopIteration) as exc:
            raise Http404 from exc
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Fassungen vergleichen: %s") % obj,
            "opts": opts,
            "object": obj,
            "records": records,
            "newer": newer,
            "older": older,
            "changes": revision_changes(newer, older) if older else [],
            "history_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk]
            ),
        }
        return render(request, "admin/revision_compare.html", context)

    @staticmethod
    def _pick(records, history_id, default):
        if history_id:
            return next(record for record in records if record.history_id == int(history_id))
        return records[default] if len(records) > default else None

    def revert_disabled(self, request, obj=None):
        return not self.can_publish(request)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.get_object(request, unquote(object_id))
            record = obj.history.get(history_id=version_id)
            self.log_change(
                request,
                obj,
                _("Fassung vom %(date)s wiederhergestellt")
                % {
                    "date": date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
                },
            )
        return response
