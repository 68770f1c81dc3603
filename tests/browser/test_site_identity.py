"""The site's identity, the demo mark and the notice, as a browser and axe see them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partnership.site.models import Notice

from .test_public_site import WCAG_AA

pytestmark = pytest.mark.django_db


def test_header_with_emblem_demo_mark_and_notice_passes_axe_with_best_practices(
    csp_free_page,
    site,
    axe_source,
):
    now = timezone.now()
    Notice.objects.create(
        title="Sammelaktion für Donezk",
        text="Spenden bis Freitag im Rathaus.",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
    )
    page = csp_free_page
    failures = {}
    for path, heading in (
        ("/", "Hinweis"),
        ("/aktuelles/", "Hinweis"),
        ("/en/", "Notice"),
        ("/gibt-es-nicht/", "Hinweis"),
    ):
        page.goto(site + path)
        assert page.get_by_role("region", name=heading).is_visible()
        assert page.locator(".demo-mark").is_visible()
        emblem = page.locator(".site-name__emblem")
        assert emblem.evaluate("img => img.complete && img.naturalWidth > 0")
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            [*WCAG_AA, "best-practice"],
        )
        violations = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
        if violations:
            failures[path] = violations
    assert failures == {}
    assert page.request.get(site + "/favicon.ico").status == 200
