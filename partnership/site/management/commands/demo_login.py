import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from partnership.site.roles import EDITORS, LEADS

# Username -> editorial group (None: a superuser).
DEMO_ACCOUNTS = {"admin": None, "redaktion": EDITORS, "leitung": LEADS}


class Command(BaseCommand):
    help = (
        "Legt für eine lokale Demo drei Konten an – admin, redaktion und leitung – und zeigt, "
        "wie man sich anmeldet. Bestehende Konten bleiben unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, url, **options):
        call_command("setup_roles", verbosity=0, stdout=self.stdout)
        User = get_user_model()
        self.stdout.write(f"Anmeldung unter {url}")
        for username, group in DEMO_ACCOUNTS.items():
            if User.objects.filter(username=username).exists():
                self.stdout.write(
                    f"  {username}: besteht schon (neues Passwort: "
                    f"python manage.py changepassword {username})"
                )
                continue
            password = secrets.token_urlsafe(12)
            # A reserved domain: workflow e-mails reach nobody; locally they show in the terminal.
            email = f"{username}@example.org"
            if group is None:
                User.objects.create_superuser(username=username, email=email, password=password)
            else:
                user = User.objects.create_user(
                    username=username, email=email, password=password, is_staff=True
                )
                user.groups.add(Group.objects.get(name=str(group)))
            role = str(group) if group else "Administrator"
            self.stdout.write(self.style.SUCCESS(f"  {username} ({role}): Passwort {password}"))
