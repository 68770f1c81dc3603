"""
Publishing rules shared by the public models of every app.

Each public model's QuerySet defines ``published()``; everything the public
sees starts from it. ``visible_to()`` adds the one exception: staff who may
edit a model preview its unpublished rows at their public URL.
"""

from django.contrib.auth import get_permission_codename
from django.db import models
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView


class PublishableQuerySet(models.QuerySet):
    def published(self):
        raise NotImplementedError("Public models define which rows the public may see.")

    def visible_to(self, user):
        opts = self.model._meta
        if user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}"):
            return self
        return self.published()


class PreviewableDetailView(DetailView):
    """
    A detail page that 404s for unpublished objects, except for staff who may
    edit them: they get a preview that is never cached nor indexed.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(is_preview=not self.object.is_published(), **kwargs)
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
