"""
What the demo loader created. While any of it exists the site is a demo:
every page says so and asks search engines not to index it, and the
deployment check (partnership/site/checks.py) fails.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoObjectQuerySet(models.QuerySet):
    def record(self, obj):
        return self.get_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )[0]

    def remaining(self):
        """The recorded objects that still exist, one query per kind of content."""
        found = []
        types = self.values_list("content_type", flat=True).distinct().order_by()
        for content_type in ContentType.objects.filter(pk__in=list(types)):
            model = content_type.model_class()
            ids = self.filter(content_type=content_type).values("object_id")
            if model is not None:
                found.extend(model._default_manager.filter(pk__in=ids))
        return found

    def any_remaining(self):
        """Whether one recorded object still exists; stops at the first kind that has one."""
        types = self.values_list("content_type", flat=True).distinct().order_by()
        for content_type in ContentType.objects.filter(pk__in=list(types)):
            model = content_type.model_class()
            ids = self.filter(content_type=content_type).values("object_id")
            if model is not None and model._default_manager.filter(pk__in=ids).exists():
                return True
        return False


class DemoObject(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    objects = DemoObjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Demo-Eintrag")
        verbose_name_plural = _("Demo-Einträge")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="site_demoobject_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id}"
