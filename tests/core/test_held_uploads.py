"""
An image chosen in an admin form that comes back with an error stays chosen.

The forms are read from the rendered page and posted back as a browser does:
the file input comes back empty, only the hidden token remembers the image.
"""

import os
import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import path, reverse

from cities.models import City
from core import held_uploads
from core.admin import URL_FIELDS_ASSUME_HTTPS, CreditedImageAdminMixin
from news.models import Article
from partnership.models import Partnership
from partnership.site import urls as site_urls
from partnership.site.admin_site import EditorialAdminSite
from tests.admin_forms import change_form
from tests.conftest import logged_in
from tests.factories import CityFactory, UserFactory, image_upload

pytestmark = pytest.mark.django_db

# What each admin's add form needs besides the image to be valid.
REQUIRED = {
    "news_article": {"title": "Besuch aus Tsukuba", "body": "<p>Eine Delegation kam.</p>"},
    "cities_city": {"name": "Tsukuba", "country": "JP"},
}
MODELS = {"news_article": Article, "cities_city": City}
HELD_TOKEN = re.compile(r'name="image-held" value="([^"]+)"')


class PartnershipInline(admin.TabularInline):
    model = Partnership
    fk_name = "partner_city"
    fields = ["home_city", "kind", "established_year"]
    extra = 1


class CityWithInlineAdmin(CreditedImageAdminMixin, admin.ModelAdmin):
    inlines = [PartnershipInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


# An admin whose form can be valid while an inline is not (test_an_inline_error…).
inline_site = EditorialAdminSite(name="inline_test")
inline_site.register(City, CityWithInlineAdmin)
urlpatterns = [path("inline-admin/", inline_site.urls), *site_urls.urlpatterns]


def held_files():
    return sorted(Path(held_uploads.storage().location).glob("*"))


def post_without_alt_text(client, model_key, **extra):
    """Add form with a new image and no alt text, as a browser sends it."""
    url = reverse(f"admin:{model_key}_add")
    form = change_form(client.get(url))
    data = form.data(**REQUIRED[model_key], image=image_upload(name="rathaus.jpg"), **extra)
    return client.post(url, data)


@pytest.mark.parametrize("model_key", ["news_article", "cities_city"])
def test_image_of_a_form_with_an_error_is_kept_and_saved_on_the_next_try(
    admin_client, model_key, django_capture_on_commit_callbacks
):
    response = post_without_alt_text(admin_client, model_key)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Bild" in page
    assert "Ausgewähltes Bild: „rathaus.jpg“ – wird beim Speichern übernommen." in page
    thumbnail = re.search(r'<img src="([^"]+)" alt="" class="held-upload-thumbnail">', page)
    shown = admin_client.get(thumbnail.group(1))
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert "no-store" in shown["Cache-Control"]
    # No preview of a file that is not stored.
    assert "/media/rathaus.jpg" not in page
    assert "erscheint hier nach dem Speichern" in page
    assert len(held_files()) == 1

    url = reverse(f"admin:{model_key}_add")
    again = change_form(response).data(image_alt="Rathaus mit Vorplatz")
    assert "image" not in again
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url, again)

    assert saved.status_code == 302
    obj = MODELS[model_key].objects.get()
    assert obj.image_alt == "Rathaus mit Vorplatz"
    assert obj.image.name.endswith(".jpg") and "rathaus" not in obj.image.name
    assert obj.image.storage.exists(obj.image.name)
    assert (obj.image_width, obj.image_height) == (40, 30)
    assert held_files() == []


def test_image_is_kept_through_several_failed_tries(admin_client):
    first = post_without_alt_text(admin_client, "news_article")
    token = HELD_TOKEN.search(first.content.decode()).group(1)

    url = reverse("admin:news_article_add")
    second = admin_client.post(url, change_form(first).data(slug="feed"))

    assert second.status_code == 200
    assert "reserviert" in second.content.decode()
    # Still the same held file: held once, not re-encoded again and again.
    assert HELD_TOKEN.search(second.content.decode()).group(1) == token
    assert len(held_files()) == 1


def test_a_new_image_on_an_existing_object_replaces_the_stored_one(
    admin_client, django_capture_on_commit_callbacks
):
    city = CityFactory(image=image_upload(name="alt.jpg"), image_alt="Altes Bild")
    old_name = city.image.name
    url = reverse("admin:cities_city_change", args=[city.pk])
    form = change_form(admin_client.get(url))

    response = admin_client.post(
        url, form.data(image=image_upload(name="neu.png", image_format="PNG"), image_alt="")
    )
    assert "Ausgewähltes Bild: „neu.png“" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(url, change_form(response).data(image_alt="Neues Bild"))

    assert saved.status_code == 302
    city.refresh_from_db()
    assert city.image.name != old_name and city.image.name.endswith(".png")
    assert held_files() == []


def test_held_image_can_be_discarded(admin_client, django_capture_on_commit_callbacks):
    response = post_without_alt_text(admin_client, "cities_city")

    data = change_form(response).data(**{"image-held-discard": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(reverse("admin:cities_city_add"), data)

    assert saved.status_code == 302
    assert not City.objects.get().image
    assert held_files() == []


def test_another_users_token_is_refused(admin_client):
    response = post_without_alt_text(admin_client, "cities_city")
    token = HELD_TOKEN.search(response.content.decode()).group(1)
    thumbnail = reverse("admin:cities_city_held_image", args=[token])
    other = logged_in(UserFactory(is_staff=True, is_superuser=True))

    assert other.get(thumbnail).status_code == 404
    forged = other.post(
        reverse("admin:cities_city_add"),
        change_form(response).data(image_alt="Rathaus"),
    )

    assert forged.status_code == 200
    assert "Das zuvor ausgewählte Bild liegt nicht mehr bereit" in forged.content.decode()
    assert not City.objects.exists()
    assert len(held_files()) == 1


def test_thumbnail_view_is_for_logged_in_staff_only(admin_client, client):
    response = post_without_alt_text(admin_client, "cities_city")
    token = HELD_TOKEN.search(response.content.decode()).group(1)
    thumbnail = reverse("admin:cities_city_held_image", args=[token])

    assert client.get(thumbnail).status_code == 302  # to the login
    tampered = reverse("admin:cities_city_held_image", args=[token + "x"])
    assert admin_client.get(tampered).status_code == 404


def test_tampered_token_is_refused(admin_client):
    response = post_without_alt_text(admin_client, "cities_city")
    data = change_form(response).data(image_alt="Rathaus", **{"image-held": "x:y:z"})

    refused = admin_client.post(reverse("admin:cities_city_add"), data)

    assert refused.status_code == 200
    assert "liegt nicht mehr bereit" in refused.content.decode()


def test_held_image_is_not_reachable_under_media(admin_client, client, settings):
    settings.SERVE_MEDIA = True
    post_without_alt_text(admin_client, "cities_city")
    (held,) = held_files()

    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert media_root not in held.resolve().parents
    for tail in (held.name, f"../{held.parent.name}/{held.name}"):
        assert client.get(f"/media/{tail}").status_code in {400, 404}
        assert admin_client.get(f"/media/{tail}").status_code in {400, 404}


def test_holding_folder_inside_media_root_fails_the_system_check(settings):
    assert held_uploads.check_holding_folder_is_not_public(None) == []
    settings.HELD_UPLOADS_ROOT = Path(settings.MEDIA_ROOT) / "upload-holding"
    (error,) = held_uploads.check_holding_folder_is_not_public(None)
    assert error.id == "cities.E001"


def test_purge_removes_held_images_older_than_a_day(admin_client):
    post_without_alt_text(admin_client, "cities_city")
    post_without_alt_text(admin_client, "news_article")
    old, recent = held_files()
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))

    output = StringIO()
    call_command("purge_personal_data", stdout=output)

    assert held_files() == [recent]
    assert "Zurückgehaltene Bilder älter als 1 Tag gelöscht: 1" in output.getvalue()


def test_preview_shows_only_an_image_that_is_stored(admin_client):
    city = CityFactory(image=image_upload(), image_alt="Rathaus")
    url = reverse("admin:cities_city_change", args=[city.pk])
    assert (
        f'<img src="{city.image.url}" alt="" width="320"' in admin_client.get(url).content.decode()
    )

    city.image.storage.delete(city.image.name)
    page = admin_client.get(url).content.decode()

    assert 'class="admin-image-preview"' not in page
    assert "Die Bilddatei fehlt im Speicher" in page


@pytest.mark.urls(__name__)
def test_image_is_also_kept_when_only_an_inline_has_an_error(admin_client):
    url = reverse("inline_test:cities_city_add")
    form = change_form(admin_client.get(url))
    data = form.data(
        name="Tsukuba",
        country="JP",
        image=image_upload(name="rathaus.jpg"),
        image_alt="Rathaus",
        **{"partnerships-0-established_year": "kein Jahr"},
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.is_valid()
    assert "Ausgewähltes Bild: „rathaus.jpg“" in response.content.decode()
    assert len(held_files()) == 1
