from django.apps import apps
from django.core.management.base import BaseCommand

from core.uploads import CreditedImage
from partnership.site.fragments import EVERY_FRAGMENT
from partnership.site.page_cache import increment_version


class Command(BaseCommand):
    help = (
        "Erzeugt die verkleinerten Fassungen (mehrere Breiten, WebP) der Bilder von Beiträgen "
        "und Städten, wo sie fehlen, etwa nach einem Update oder einer Wiederherstellung. "
        "Mit --all werden alle neu erzeugt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="force")

    def handle(self, *args, force, **options):
        for model in apps.get_models():
            if not issubclass(model, CreditedImage):
                continue
            field = model._meta.get_field("image_renditions")
            made = 0
            for obj in model._base_manager.exclude(image="").iterator(chunk_size=200):
                before = obj.image_renditions
                after = field.refresh(obj, force=force)
                if after != before:
                    # No save(): a maintenance run is not a new revision.
                    model._base_manager.filter(pk=obj.pk).update(image_renditions=after)
                    made += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {made} Bilder bearbeitet.")
        # Pages and fragments show the images' sizes; no save told them.
        increment_version({EVERY_FRAGMENT})
