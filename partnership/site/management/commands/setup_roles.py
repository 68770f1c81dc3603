from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from partnership.site.roles import ROLES


def permissions_for(names):
    query = Q()
    for name in names:
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = Permission.objects.filter(query)
    missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in found}
    if missing:
        raise CommandError(f"Unbekannte Rechte: {', '.join(sorted(missing))}. Erst migrieren?")
    return found


class Command(BaseCommand):
    help = (
        "Legt die Gruppen „Redaktion“ und „Redaktionsleitung“ an und gibt ihnen genau "
        "ihre Rechte. Kann beliebig oft laufen; weitere Rechte der Gruppen werden entfernt."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for name, permission_names in ROLES.items():
            group, created = Group.objects.get_or_create(name=str(name))
            group.permissions.set(permissions_for(permission_names))
            if options["verbosity"]:
                state = "angelegt" if created else "aktualisiert"
                self.stdout.write(
                    f"Gruppe „{group.name}“ {state}: {len(permission_names)} Rechte."
                )
