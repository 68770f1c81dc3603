from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from partnership.site.models.identity import SiteState, keep_copy
from tests.factories import UserFactory


def pytest_addoption(parser):
    parser.addoption(
        "--run-faults",
        action="store_true",
        help="run the fault suite (tests marked fault); make test-faults does",
    )


def pytest_collection_modifyitems(config, items):
    """The fault suite stops and starts servers for a minute: only when asked for."""
    if config.getoption("--run-faults"):
        return
    skip = pytest.mark.skip(reason="fault suite, runs with make test-faults")
    for item in items:
        if "fault" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def test_settings(settings, tmp_path):
    # Plain static storage: the manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # An empty static root: whitenoise would otherwise index a local
    # collectstatic's thousands of files for every test client.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELD_UPLOADS_ROOT = tmp_path / "upload-holding"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every language on, whatever the environment says. An override rather
    # than the environment variable: pytest-django reads the settings before
    # this file is imported, and nothing is built from LANGUAGES at import
    # (URL patterns choose their words when a language is active, and the
    # setting_changed signal clears Django's cached language lists).
    settings.LANGUAGES = [
        (code, settings.LANGUAGE_NAMES[code]) for code in settings.CONTENT_LANGUAGES
    ]


@pytest.fixture(autouse=True)
def site_state_of_an_empty_database():
    """
    Every test starts with the site state of a freshly migrated database
    (no site settings, no notice, no demo content), as this process's copy:
    pages cost no query for it, and a copy left by another test, whose rows
    are gone, is never shown. Saving any of those rows replaces it.
    """
    keep_copy(SiteState.without_database())


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(superuser):
    return logged_in(superuser)


@pytest.fixture
def staff_without_rights(db):
    """A staff account that may log in to the admin but edit nothing."""
    return UserFactory(is_staff=True)


@pytest.fixture
def editor(db):
    """A staff account that may change articles, cities and partnerships."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["change_article", "change_city", "change_partnership"]
        )
    )
    return user


@pytest.fixture
def roles(db):
    call_command("setup_roles", stdout=StringIO())


def member_of(group_name, username):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def redakteur(roles):
    """Member of "Redaktion": writes and submits, publishes nothing."""
    return member_of("Redaktion", "redakteur")


@pytest.fixture
def leitung(roles):
    """Member of "Redaktionsleitung": publishes, withdraws, restores."""
    return member_of("Redaktionsleitung", "leitung")


@pytest.fixture
def redakteur_client(redakteur):
    return logged_in(redakteur)


@pytest.fixture
def leitung_client(leitung):
    return logged_in(leitung)
