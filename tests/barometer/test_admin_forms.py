"""The barometer's fields in the admin forms: entered, saved, and posted back unchanged."""

import datetime
from decimal import Decimal

import pytest

from tests.admin_forms import change_form
from tests.factories import AgreementFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_project_form_saves_participants_costs_and_funding(admin_client):
    project = ProjectFactory()
    url = f"/admin/partnership/project/{project.pk}/change/"
    page = admin_client.get(url)
    assert "Für Barometer und Jahresbericht" in page.content.decode()

    response = admin_client.post(
        url,
        change_form(page).data(
            participants_home="12",
            participants_partner="9",
            costs="1500,50",
            funding_amount="1000",
            funding_source="Engagement Global",
            costs_public="on",
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert (project.participants_home, project.participants_partner) == (12, 9)
    assert (project.costs, project.funding_amount) == (Decimal("1500.50"), Decimal("1000"))
    assert (project.funding_source, project.costs_public) == ("Engagement Global", True)

    # Posted back as rendered, nothing changes.
    assert admin_client.post(url, change_form(admin_client.get(url)).data()).status_code == 302
    project.refresh_from_db()
    assert (project.costs, project.participants_home) == (Decimal("1500.50"), 12)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("1.500,50", Decimal("1500.50")),
        ("12.000", Decimal("12000")),
        ("2 400 €", Decimal("2400")),
        ("1.5", Decimal("1.5")),
    ],
)
def test_project_form_takes_amounts_as_staff_write_them(admin_client, written, stored):
    project = ProjectFactory()
    url = f"/admin/partnership/project/{project.pk}/change/"
    response = admin_client.post(url, change_form(admin_client.get(url)).data(costs=written))
    assert response.status_code == 302, response.context["adminform"].form.errors
    project.refresh_from_db()
    assert project.costs == stored


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants_home", "-5", "größer oder gleich 0"),
        ("costs", "abc", "Bitte eine Zahl eingeben"),
        ("funding_amount", "-3", "größer oder gleich 0"),
    ],
)
def test_an_error_in_the_folded_section_opens_it(admin_client, field, value, message):
    project = ProjectFactory()
    url = f"/admin/partnership/project/{project.pk}/change/"
    page = admin_client.get(url)
    # Folded while nothing is wrong.
    assert fieldset_of(page, "Für Barometer und Jahresbericht").startswith("<details")

    response = admin_client.post(url, change_form(page).data(**{field: value}))

    assert response.status_code == 200
    section = fieldset_of(response, "Für Barometer und Jahresbericht")
    assert not section.startswith("<details") and message in section


def fieldset_of(response, name):
    """The markup of the form's section ``name``, from its opening tag."""
    html = response.content.decode()
    heading = html.index(name)
    start = max(html.rfind("<fieldset", 0, heading), html.rfind("<details", 0, heading))
    return html[start : html.index("</fieldset>", heading)]


def test_agreement_form_in_the_partnership_saves_review_date_and_term(admin_client):
    agreement = AgreementFactory(full_text="<p>Wortlaut.</p>")
    url = f"/admin/partnership/partnership/{agreement.partnership.pk}/change/"
    page = admin_client.get(url)
    prefix = "agreements-0"

    response = admin_client.post(
        url,
        change_form(page).data(
            **{f"{prefix}-review_on": "15.09.2026", f"{prefix}-valid_until": "31.12.2029"}
        ),
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.review_on == datetime.date(2026, 9, 15)
    assert agreement.valid_until == datetime.date(2029, 12, 31)
