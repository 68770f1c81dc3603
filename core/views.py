from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.generic import DetailView

from . import holding
from .pending import PendingChange, apply, rolled_back
from .publishing import change_permission


class ProposalPreviewMixin:
    """For detail views: render the page with an object's pending change applied."""

    previewing_change = False

    def render_proposal(self, obj, pending):
        """The rendered page; the proposal is applied in a transaction rolled back after."""

        def render():
            apply(obj, pending.proposal, pending.base)
            self.object = self.get_queryset().get(pk=obj.pk)
            self.previewing_change = True
            response = self.render_to_response(self.get_context_data(object=self.object))
            response.render()
            return response

        return rolled_back(render)


class PreviewableDetailView(ProposalPreviewMixin, DetailView):
    """
    A detail page that 404s for unpublished objects, except for staff who may
    edit them: they get a preview that is never cached nor indexed. The old
    address of live content whose slug changed redirects permanently
    (core/redirects.py).
    """

    # Staff preview a proposed change to live content at its public address.
    pending_preview_parameter = "aenderung"
    # Whether the object may be held from one save to the next (core/holding.py):
    # only where no clock decides whether it is public, as publish_at does.
    held_between_saves = False

    def get(self, request, *args, **kwargs):
        if self.pending_preview_parameter in request.GET:
            response = self.pending_preview()
            if response is not None:
                return response
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        # Staff who may edit the model preview its rows whole, a proposal
        # applied to them (render_proposal()); the public reads what it is shown.
        if self.request.user.has_perm(change_permission(queryset.model)):
            return queryset
        return queryset.published().for_display()

    def get_object(self, queryset=None):
        if queryset is not None or not self.held_between_saves:
            return super().get_object(queryset)
        address = ",".join(f"{name}={value}" for name, value in sorted(self.kwargs.items()))
        name = f"{self.model._meta.label_lower}:{get_language()}:{address}"
        return holding.held(name, super().get_object)

    def pending_preview(self):
        """The page as it would look with its pending change, or None if there is none."""
        queryset = self.get_queryset()
        if not self.request.user.has_perm(change_permission(queryset.model)):
            return None
        obj = self.get_object(queryset)
        pending = PendingChange.objects.for_object(obj)
        return self.render_proposal(obj, pending) if pending else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            is_preview=self.previewing_change or not self.object.is_published(),
            is_pending_preview=self.previewing_change,
            **kwargs,
        )
        if context["is_preview"]:
            opts = self.object._meta
            context["admin_change_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object.pk]
            )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
