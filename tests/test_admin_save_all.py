"""
Every change form of the demo data saves as it is, for every role.

The forms are read from the rendered page and posted back as a browser
would, on objects that already have images, inlines and history.
"""

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from partnership.site.roles import CONTENT
from tests.admin_forms import change_form
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def every_change_url():
    urls = []
    for model in admin.site._registry:
        opts = model._meta
        for pk in model._default_manager.values_list("pk", flat=True):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
    return urls


def save_unchanged(client, url):
    """Open the change form and post it back; the response, or None if read-only."""
    page = client.get(url)
    if page.status_code != 200:
        return page
    form = change_form(page)
    if "_save" not in form.submits:
        return None
    return client.post(url, form.data(_save="Sichern"))


@pytest.mark.parametrize("role", ["superuser", "redakteur", "leitung"])
def test_every_change_form_saves_unchanged(request, demo, role):
    user = request.getfixturevalue(role)
    client = logged_in(user)
    urls = every_change_url()
    covered = {"/".join(url.split("/")[2:4]) for url in urls}
    registered = {f"{m._meta.app_label}/{m._meta.model_name}" for m in admin.site._registry}
    assert {f"{app}/{model}" for app, model in CONTENT} & registered <= covered
    saved = 0
    for url in urls:
        response = save_unchanged(client, url)
        if response is None:
            # A read-only view: its form cannot be sent either.
            assert client.post(url, {}).status_code == 403, url
            continue
        if response.status_code == 403:
            continue
        assert response.status_code == 302, (url, _errors(response))
        saved += 1
    assert saved, f"{role} could save nothing"


def _errors(response):
    context = response.context
    if not context or "adminform" not in context:
        return response.status_code
    errors = [context["adminform"].form.errors]
    errors += [formset.errors for formset in context.get("inline_admin_formsets", [])]
    return errors
