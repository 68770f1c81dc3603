import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Legt für eine lokale Demo ein Administratorkonto an und zeigt, wie man sich anmeldet. "
        "Ein bestehendes Konto bleibt unverändert."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username, url, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Anmeldung unter {url} mit dem Konto „{username}“. Passwort vergessen? "
                f"python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Anmeldung unter {url}\n  Benutzername: {username}\n  Passwort:     {password}"
            )
        )
