"""
Nothing an editor (Redaktion) does in the admin reaches the public site
without the lead. The models are read from the admin at run time, so a model
registered later must take a side here: say when it is live (``is_live()``)
or stay out of the editors' reach.
"""

from io import StringIO

import pytest
from django.contrib import admin
from django.core import serializers
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from core.pending import PendingChange
from tests.admin_forms import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def editor_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def stored(obj):
    return serializers.serialize("json", [type(obj)._default_manager.get(pk=obj.pk)])


def edited_form_data(page, model):
    """The rendered form with every plain text field of the model changed."""
    form = change_form(page)
    text_fields = {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
    }
    values = dict(form.data(_save="Sichern"))
    for name in text_fields & values.keys():
        values[name] = [f"{values[name][0]} (von der Redaktion geändert)"]
    return values


def test_every_model_editors_may_touch_says_when_it_is_live(demo, redakteur):
    request = editor_request(redakteur)
    for model, model_admin in admin.site._registry.items():
        reach = (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        if reach:
            assert hasattr(model, "is_live"), f"{model._meta.label}: is it live once saved?"


def test_no_editor_change_to_live_content_goes_public(demo, redakteur_client, redakteur):
    request = editor_request(redakteur)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not hasattr(model, "is_live"):
            continue
        opts = model._meta
        for obj in model._default_manager.all():
            if not obj.is_live():
                continue
            before = stored(obj)
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            page = redakteur_client.get(url)
            if page.status_code == 200 and "_save" in change_form(page).submits:
                response = redakteur_client.post(url, edited_form_data(page, model))
                assert response.status_code in (200, 302), url
                if response.status_code == 302:
                    assert PendingChange.objects.for_object(obj), url
            else:
                assert redakteur_client.post(url, {}).status_code == 403, url
            delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
            assert redakteur_client.post(delete, {"post": "yes"}).status_code == 403, delete
            assert not model_admin.has_delete_permission(request, obj)
            assert stored(obj) == before, f"{url} changed live content"
            checked += 1
    assert checked > 20, "the demo data should have live content of every kind"
