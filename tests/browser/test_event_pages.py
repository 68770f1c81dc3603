"""The event pages under /mitmachen/ in the browser: axe and the Nu checker find nothing."""

from datetime import date, time
from decimal import Decimal

import pytest

from partnership.models import Project
from tests.factories import (
    ContactFactory,
    CooperationAreaFactory,
    EventFactory,
    PartnershipFactory,
)

from .test_public_site import axe_violations

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_pages():
    """An event of each kind the pages show, on the demo site; the addresses to check."""
    partnership = PartnershipFactory()
    timed = EventFactory(
        partnership=partnership,
        title="Bürgerfahrt in die Partnerstadt",
        description="<p>Drei Tage mit Stadtführung.</p>",
        start_date=date(2099, 3, 14),
        end_date=date(2099, 3, 16),
        start_time=time(7, 30),
        end_time=time(20, 0),
        place_address="Am Bahnhof 1\n44787 Bochum",
        latitude=Decimal("51.4786"),
        longitude=Decimal("7.2235"),
        fee=Decimal("25"),
        fee_note="ermäßigt 15 €",
        audience="alle ab 16 Jahren",
        bring="Personalausweis",
        contact=ContactFactory(phone="0234 000000-1"),
        cooperation_area=CooperationAreaFactory(),
        signup_enabled=True,
        capacity=10,
    )
    cancelled = EventFactory(partnership=partnership, event_status=Project.EventStatus.CANCELLED)
    moved = EventFactory(
        partnership=partnership,
        start_date=date(2099, 5, 9),
        event_status=Project.EventStatus.MOVED,
        original_start_date=date(2099, 5, 2),
        online=True,
    )
    EventFactory(partnership=partnership, start_date=date(2021, 6, 1))
    return [
        "/mitmachen/",
        "/mitmachen/archiv/",
        f"/mitmachen/archiv/?partnerschaft={partnership.slug}",
        "/mitmachen/2021/",
        timed.get_absolute_url(),
        cancelled.get_absolute_url(),
        moved.get_absolute_url(),
        partnership.get_absolute_url(),
        partnership.partner_city.get_absolute_url(),
        "/en/get-involved/",
        f"/en/get-involved/{timed.slug}/",
    ]


def test_event_pages_pass_axe_and_the_nu_checker(
    csp_free_page, site, axe_source, client, nu_errors, tmp_path, event_pages
):
    failures, files = {}, []
    for number, path in enumerate(event_pages):
        response = csp_free_page.goto(site + path)
        assert response.ok, path
        violations = axe_violations(csp_free_page, axe_source)
        if violations:
            failures[path] = violations
        target = tmp_path / f"events-{number}.html"
        target.write_bytes(client.get(path).content)
        files.append(str(target))
    assert (failures, nu_errors(files)) == ({}, [])
