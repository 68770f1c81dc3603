"""
Publishing rules shared by the public models of every app.

Each public model's QuerySet defines ``published()``; everything the public
sees starts from it. The one exception: staff who may edit a model preview
its unpublished rows at their public URL (core.views.PreviewableDetailView).
"""

from django.contrib.auth import get_permission_codename
from django.db import models


def change_permission(model):
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename('change', opts)}"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        raise NotImplementedError("Public models define which rows the public may see.")
