"""
Pending changes in the admin.

An editor who may not publish opens live content as usual, but saving it
stores a proposal instead of changing the live rows: the whole admin save
(form, inlines, files, validation) runs in a transaction that is rolled
back after the resulting state has been read. The form shows the proposal
the same way: applied in a transaction, rendered, rolled back. The lead
compares live and proposed field by field and publishes it or sends it back.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_delete
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notifications
from .comparison import EMPTY, FieldChange, field_changes, word_diff
from .pending import (
    PendingChange,
    apply,
    build,
    changed_names,
    conflicts,
    discard_for_deleted,
    rolled_back,
    snapshot,
)


def _values(snapshot_fields, model, names):
    """The named fields of a snapshot, as field_changes reads them."""
    instance, m2m = build(model, None, snapshot_fields)
    values = {}
    for name in names:
        field = model._meta.get_field(name)
        if field.many_to_many:
            values[name] = m2m.get(name, [])
        else:
            values[name] = getattr(instance, field.attname)
    return values


def snapshot_changes(model, older, newer, changed=None):
    """
    A ``FieldChange`` for each editable field and each inline that differs,
    or, given ``changed`` (the snapshot a change was made against), for each
    that ``newer`` changed against it, compared with ``older``.
    """
    fields, inlines = changed_names(model, newer, changed or older)
    rows = field_changes(
        model, _values(older["fields"], model, fields), _values(newer["fields"], model, fields)
    )
    for label in sorted(inlines):
        rows.append(_inline_change(label, older["inlines"].get(label), newer["inlines"][label]))
    return rows


def _inline_change(label, older, newer):
    model = apps.get_model(label)

    def describe(inline):
        rows = (inline or {}).get("rows", [])
        names = "; ".join(str(build(model, row["pk"], row["fields"])[0]) for row in rows)
        return Truncator(names).chars(200) or EMPTY

    old, new = describe(older), describe(newer)
    return FieldChange(str(model._meta.verbose_name_plural), old, new, word_diff(old, new))


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Anmerkung für die Redaktion"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Nötig, wenn Sie die Änderung zurückgeben."),
    )
    confirm_overwrite = forms.BooleanField(
        label=gettext_lazy(
            "Ich habe beide Unterschiede gesehen; die vorgeschlagene Fassung ersetzt dort "
            "die neuere veröffentlichte."
        ),
        required=False,
    )


class PendingChangeAdminMixin:
    """
    Saves of live content by editors become a pending change. Set
    ``pending_changes = False`` on an admin whose live rows editors may
    not touch at all.
    """

    pending_changes = True

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if self.pending_changes:
            post_delete.connect(
                discard_for_deleted, sender=model, dispatch_uid=f"pending-{model._meta.label}"
            )

    def proposes(self, request, obj):
        """Whether this user's save of ``obj`` becomes a pending change."""
        return (
            self.pending_changes
            and obj is not None
            and obj.is_live()
            and not self.can_publish(request)
        )

    def inline_children(self):
        return [
            (inline.model, _get_foreign_key(self.model, inline.model, inline.fk_name).name)
            for inline in self.inlines
        ]

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/aenderung/",
                self.admin_site.admin_view(self.review_view),
                name=f"{name}_pending",
            ),
            path(
                "<path:object_id>/aenderung/zurueckziehen/",
                self.admin_site.admin_view(self.withdraw_view),
                name=f"{name}_pending_withdraw",
            ),
            *super().get_urls(),
        ]

    def pending_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[obj.pk])

    # --- The editor's side ---------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None or not self.pending_changes:
            return super().changeform_view(request, object_id, form_url, extra_context)
        pending = PendingChange.objects.for_object(obj)
        context = {
            **(extra_context or {}),
            "pending_change": pending,
            "pending_url": self.pending_url(obj),
        }
        if not self.proposes(request, obj):
            return super().changeform_view(request, object_id, form_url, context)
        return self._proposal_view(request, obj, pending, form_url, context)

    def _proposal_view(self, request, obj, pending, form_url, context):
        children = self.inline_children()
        base = pending.base if pending else snapshot(obj, children)
        request.proposal = {
            "pending": pending,
            "token": f"{obj.version}.{pending.version if pending else 0}",
        }
        context["proposing"] = True

        def render_on_proposal():
            if pending:
                apply(obj, pending.proposal, pending.base, keep_new_keys=True)
            response = super(PendingChangeAdminMixin, self).changeform_view(
                request, str(obj.pk), form_url, context
            )
            saved = request.method == "POST" and response.status_code == 302
            proposal = snapshot(self.model._default_manager.get(pk=obj.pk), children)
            if hasattr(response, "render"):
                response.render()
            return response, proposal if saved else None

        response, proposal = rolled_back(render_on_proposal)
        if proposal is not None:
            self._store_proposal(request, obj, pending, base, proposal)
        return response

    def _store_proposal(self, request, obj, pending, base, proposal):
        # The proposal is stored now; the messages below tell the editor so.
        request.proposal_done = True
        fields, inlines = changed_names(self.model, proposal, base)
        if not (fields or inlines):
            if pending:
                pending.delete()
            self.message_user(
                request,
                _(
                    "Keine Änderung gegenüber der veröffentlichten Fassung; es wartet nichts auf "
                    "Prüfung."
                ),
                messages.INFO,
            )
            return
        submitted = pending is None or pending.state == PendingChange.State.RETURNED
        if pending is None:
            pending = PendingChange(content_object=obj, base=base, base_version=obj.version)
            pending.author = request.user
        else:
            pending.version += 1
        pending.proposal = proposal
        pending.changed_by = request.user
        pending.state = PendingChange.State.REVIEW
        with transaction.atomic():
            pending.save()
            if submitted:
                notifications.submitted(
                    obj, by=request.user, url=pending.get_admin_url(), change=True
                )
        self.message_user(
            request,
            _(
                "Ihre Änderung an „%(object)s“ wartet auf Prüfung durch die Redaktionsleitung. "
                "Öffentlich bleibt bis dahin die bisherige Fassung."
            )
            % {"object": obj},
            messages.SUCCESS,
        )

    def message_user(self, request, *args, **kwargs):
        # While a proposal is saved, the admin's own "changed" message would
        # claim a change that is rolled back.
        if getattr(request, "proposal", None) and not getattr(request, "proposal_done", False):
            return None
        return super().message_user(request, *args, **kwargs)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if getattr(request, "proposal", None):
            # Rows of a proposal are not stored yet: no link to their own pages.
            for inline in inlines:
                inline.show_change_link = False
                inline.view_on_site = False
        return inlines

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        proposal = getattr(request, "proposal", None)
        if proposal is None:
            return form
        return type(form.__name__, (form,), {"proposal": proposal})

    def withdraw_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        pending = PendingChange.objects.for_object(obj) if obj else None
        if pending is None:
            raise Http404
        may = self.can_publish(request) or self.has_change_permission(request, obj)
        if request.method != "POST" or not may:
            raise PermissionDenied
        pending.delete()
        request.proposal_done = True
        self.message_user(
            request,
            _("Die vorgeschlagene Änderung an „%(object)s“ wurde zurückgezogen.")
            % {"object": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._change_url(obj))

    def _change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    # --- The lead's side -----------------------------------------------------

    def review_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        pending = PendingChange.objects.for_object(obj) if obj else None
        if pending is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        children = self.inline_children()
        live = snapshot(obj, children)
        clashing_fields, clashing_inlines = conflicts(
            self.model, pending.proposal, pending.base, live
        )
        clashing = bool(clashing_fields or clashing_inlines)
        form = ReviewForm(request.POST or None)
        if request.method == "POST":
            if not self.can_publish(request):
                raise PermissionDenied
            if form.is_valid():
                response = self._decide(request, obj, pending, form, clashing)
                if response is not None:
                    return response
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Änderung prüfen: %s") % obj,
            "opts": opts,
            "object": obj,
            "pending": pending,
            "form": form,
            "can_publish": self.can_publish(request),
            # What publishing would change: only what the proposal changed.
            "proposed_changes": snapshot_changes(
                self.model, live, pending.proposal, changed=pending.base
            ),
            "live_changes": snapshot_changes(self.model, pending.base, live)
            if pending.base_version != obj.version
            else [],
            "clashing": clashing,
            "clashing_labels": self._labels(clashing_fields, clashing_inlines),
            "change_url": self._change_url(obj),
            "preview_url": f"{obj.get_absolute_url()}?aenderung",
        }
        return render(request, "admin/pending_review.html", context)

    def _labels(self, fields, inlines):
        names = [str(self.model._meta.get_field(name).verbose_name) for name in sorted(fields)]
        names += [str(apps.get_model(label)._meta.verbose_name_plural) for label in inlines]
        return ", ".join(names)

    def _decide(self, request, obj, pending, form, clashing):
        comment = form.cleaned_data["comment"].strip()
        request.proposal_done = True
        if "_send_back" in request.POST:
            if not comment:
                form.add_error(
                    "comment",
                    _("Bitte schreiben Sie dazu, was an der Änderung noch zu tun ist."),
                )
                return None
            with transaction.atomic():
                pending.state = PendingChange.State.RETURNED
                pending.review_comment = comment
                pending.save(update_fields=["state", "review_comment", "updated"])
                notifications.sent_back(
                    obj, author=pending.author, by=request.user, comment=comment, change=True
                )
            self.message_user(
                request,
                _("Die Änderung an „%(object)s“ ging mit Ihrer Anmerkung an die Redaktion zurück.")
                % {"object": obj},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(obj))
        if "_publish" in request.POST:
            if clashing and not form.cleaned_data["confirm_overwrite"]:
                form.add_error(
                    "confirm_overwrite",
                    _(
                        "Die veröffentlichte Fassung wurde seit dem Vorschlag an denselben "
                        "Stellen geändert. Bitte bestätigen Sie, dass der Vorschlag sie ersetzt."
                    ),
                )
                return None
            author = pending.author
            with transaction.atomic():
                obj = pending.publish(request.user)
                self.log_change(
                    request, obj, _("Änderung von %(author)s veröffentlicht") % {"author": author}
                )
                notifications.published(obj, author=author, by=request.user, change=True)
            self.message_user(
                request,
                _("Die Änderung an „%(object)s“ ist veröffentlicht.") % {"object": obj},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(obj))
        return None
