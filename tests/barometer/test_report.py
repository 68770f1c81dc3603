"""The council's yearly report: its contents, the CSV, the admin pages and the command."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from partnership.barometer import report
from partnership.models import Partnership, Project
from partnership.site.models import SiteSettings, SiteState
from partnership.site.models.identity import keep_copy
from tests.conftest import logged_in
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CityFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Mid-2026 in Berlin: 2025 is a past year, 2026 the running one.
NOW = datetime(2026, 6, 15, 12, tzinfo=timezone.get_fixed_timezone(120))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def published_on(day):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


@pytest.fixture
def lyon():
    """A published partnership with one of each kind of item in 2025, and some outside it."""
    partnership = PartnershipFactory(partner_city=CityFactory(name="Lyon"), established_year=1990)
    ProjectFactory(
        partnership=partnership,
        title="Schüleraustausch Lyon",
        kind=Project.Kind.SCHOOL,
        start_date=date(2025, 5, 10),
        end_date=date(2025, 5, 17),
        participants_home=20,
        participants_partner=18,
        costs=Decimal("1500.50"),
        funding_amount=Decimal("1000"),
        funding_source="Deutsch-Französisches Jugendwerk",
    )
    ProjectFactory(
        partnership=partnership,
        title="Besuch des Bürgermeisters",
        kind=Project.Kind.DELEGATION,
        start_date=date(2025, 9, 1),
        participants_home=5,
        costs=Decimal("800"),
        costs_public=True,
    )
    ProjectFactory(
        partnership=partnership,
        title="Hilfslieferung Medikamente",
        kind=Project.Kind.AID,
        start_date=date(2025, 3, 1),
    )
    ProjectFactory(
        partnership=partnership,
        title="Silvesterkonzert 2024",
        kind=Project.Kind.CULTURE,
        start_date=date(2024, 12, 31),
        costs=Decimal("99"),
    )
    ProjectFactory(
        partnership=partnership,
        title="Abgesagtes Fest",
        kind=Project.Kind.CULTURE,
        start_date=date(2025, 7, 1),
        is_event=True,
        event_status=Project.EventStatus.CANCELLED,
    )
    ProjectFactory(
        partnership=partnership,
        title="Neujahrsempfang 2026",
        kind=Project.Kind.CITIZENS,
        start_date=date(2026, 1, 1),
    )
    ProjectFactory(
        partnership=partnership,
        title="Jubiläumsfahrt 2027",
        kind=Project.Kind.CITIZENS,
        start_date=date(2027, 5, 1),
    )
    AgreementFactory(partnership=partnership, title="Jugendabkommen", signed_on=date(2025, 6, 1))
    AgreementFactory(
        partnership=partnership,
        title="Freundschaftsvertrag",
        signed_on=date(2010, 5, 1),
        review_on=date(2025, 11, 1),
    )
    StatusChangeFactory(
        partnership=partnership, date=date(2025, 4, 1), status=Partnership.Status.DORMANT
    )
    StatusChangeFactory(
        partnership=partnership, date=date(2026, 1, 10), status=Partnership.Status.ACTIVE
    )
    ArticleFactory(
        title="Lyon zu Gast", publish_at=published_on(date(2025, 7, 2))
    ).partnerships.add(partnership)
    ArticleFactory(
        title="Alte Nachricht", publish_at=published_on(date(2024, 7, 2))
    ).partnerships.add(partnership)
    return partnership


@pytest.fixture
def krakau():
    """An unpublished partnership with one unpublished exchange in 2025."""
    partnership = PartnershipFactory(
        partner_city=CityFactory(name="Krakau"), established_year=2000, published=False
    )
    ProjectFactory(
        partnership=partnership,
        title="Chorreise Krakau",
        kind=Project.Kind.CULTURE,
        start_date=date(2025, 10, 3),
        participants_home=3,
        participants_partner=4,
        published=False,
    )
    return partnership


def titles(activities):
    return [a.title for a in activities]


def section_of(built, partnership):
    return next(s for s in built.sections if s.partnership == partnership)


def test_report_has_each_item_of_the_year_in_its_place(lyon, krakau):
    built = report.build(2025)

    section = section_of(built, lyon)
    assert built.today == date(2025, 12, 31)
    assert titles(section.exchanges) == ["Schüleraustausch Lyon"]
    assert titles(section.delegations) == ["Besuch des Bürgermeisters"]
    assert titles(section.aid) == ["Hilfslieferung Medikamente"]
    assert titles(section.agreements) == ["Jugendabkommen"]
    assert [a.title for a in section.reviews_due] == ["Freundschaftsvertrag"]
    assert titles(section.news) == ["Lyon zu Gast"]
    assert [c.item.status for c in section.status_changes] == [Partnership.Status.DORMANT]
    # The change of January 2026 is after the year's end.
    assert section.status == "ruhend"
    # A past year's outlook is the following year, not every project since.
    assert titles(section.planned) == ["Neujahrsempfang 2026"]
    assert [p.title for p in section.funded] == [
        "Schüleraustausch Lyon",
        "Besuch des Bürgermeisters",
    ]


def test_report_adds_up_participants_costs_and_funding_of_the_year(lyon, krakau):
    built = report.build(2025)

    figures = section_of(built, lyon).figures
    assert (figures.encounters, figures.delegations, figures.aid) == (2, 1, 1)
    assert (figures.participants_home, figures.participants_partner) == (25, 18)
    assert (figures.agreements, figures.news) == (1, 1)
    # Costs not marked public count too; the concert of 2024 does not.
    assert figures.costs == Decimal("2300.50")
    assert figures.funding == Decimal("1000")
    assert built.total.participants_home == 28
    assert built.total.encounters == 3
    assert built.funding_sources() == ["Deutsch-Französisches Jugendwerk"]


def test_encounters_hold_the_delegation_visits_and_the_page_says_so(staff_client, krakau):
    ProjectFactory(partnership=krakau, kind=Project.Kind.DELEGATION, start_date=date(2025, 11, 2))
    Project.objects.filter(title="Chorreise Krakau").delete()

    figures = section_of(report.build(2025), krakau).figures
    html = staff_client.get(report_url(2025)).content.decode()

    assert (figures.encounters, figures.delegations) == (1, 1)
    summary, section = html.split('class="report-partnership"')
    assert "davon Delega&shy;tions&shy;besuche" in summary
    # The one encounter is the visit, listed under its own heading, not a missing exchange.
    assert "Krakau: Austausch und Projekte</h3>" in section
    assert "Kein Austausch und kein Projekt verzeichnet." in section
    assert "Keine Delegationsbesuche verzeichnet." not in section


def test_article_about_several_partnerships_counts_once_in_the_sum(staff_client, lyon, krakau):
    shared = ArticleFactory(title="Drei Städte", publish_at=published_on(date(2025, 8, 1)))
    shared.partnerships.add(lyon, krakau)
    shared.cities.add(krakau.partner_city)

    built = report.build(2025)
    rows = read_csv(staff_client.get(report_url(2025, "barometer:report-csv")).content.decode())

    assert section_of(built, lyon).figures.news == 2
    assert section_of(built, krakau).figures.news == 1
    # "Lyon zu Gast" and "Drei Städte": two articles, not three.
    assert built.total.news == 2
    assert rows[-1][9] == "2"


def test_costs_nobody_recorded_are_a_dash_and_a_recorded_zero_is_zero(staff_client, lyon, krakau):
    built = report.build(2025)

    assert section_of(built, krakau).figures.costs is None
    assert section_of(built, krakau).figures.funding is None
    assert section_of(built, lyon).figures.funding == Decimal("1000")
    html = staff_client.get(report_url(2025)).content.decode()
    krakau_row = html.split('<th scope="row">Krakau</th>')[1].split("</tr>")[0]
    assert krakau_row.count("<td>–</td>") == 2
    assert "<td>0,00</td>" not in html

    Project.objects.filter(title="Chorreise Krakau").update(costs=0)
    built = report.build(2025)
    assert section_of(built, krakau).figures.costs == Decimal(0)
    assert section_of(built, krakau).figures.funding is None
    assert "<td>0,00</td>" in staff_client.get(report_url(2025)).content.decode()


def test_report_covers_unpublished_partnerships_and_leaves_out_later_ones(lyon, krakau):
    PartnershipFactory(partner_city=CityFactory(name="Neustadt"), established_year=2026)

    built = report.build(2025)

    assert [s.partnership.partner_city.name for s in built.sections] == ["Lyon", "Krakau"]
    assert titles(section_of(built, krakau).exchanges) == ["Chorreise Krakau"]


def test_report_of_the_running_year_plans_from_today(lyon):
    ProjectFactory(partnership=lyon, title="Sommerfest", start_date=date(2026, 8, 1))
    ProjectFactory(partnership=lyon, title="Frühjahrstreffen", start_date=date(2026, 3, 1))

    built = report.build(2026)

    section = section_of(built, lyon)
    assert built.today == date(2026, 6, 15)
    assert titles(section.planned) == ["Sommerfest", "Jubiläumsfahrt 2027"]
    assert titles(section.exchanges) == ["Neujahrsempfang 2026", "Frühjahrstreffen"]
    assert section.status == "aktiv"


@pytest.fixture
def staff_client():
    return logged_in(UserFactory(is_staff=True, is_superuser=True))


def report_url(year, name="barometer:report"):
    return reverse(name, kwargs={"year": year})


def test_report_page_shows_the_year_and_marks_unpublished_partnerships(staff_client, lyon, krakau):
    response = staff_client.get(report_url(2025))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Jahresbericht Städtepartnerschaften 2025" in html
    assert html.count('class="report-partnership"') == 2
    assert "Schüleraustausch Lyon" in html
    assert "Silvesterkonzert 2024" not in html
    assert "Abgesagtes Fest" not in html
    assert "nicht veröffentlicht" in html.split("Krakau</h2>")[1]
    assert "1.500,50" in html
    assert "css/report.css" in html
    assert "Beispieldaten" not in html


def test_report_of_a_year_without_data_says_so(staff_client, lyon):
    response = staff_client.get(report_url(2000))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kein Austausch und kein Projekt verzeichnet." in html
    assert "Keine Vereinbarung unterzeichnet." in html
    assert "Keine Kosten verzeichnet." in html
    assert html.count('class="report-partnership"') == 1


def test_report_before_any_partnership_has_none(staff_client, lyon):
    AgreementFactory(partnership=lyon, signed_on=date(1985, 1, 1))

    response = staff_client.get(report_url(1985))

    assert response.status_code == 200
    assert "Keine Partnerschaften verzeichnet." in response.content.decode()


def demo_state(city_name="Stadt Musterhausen"):
    keep_copy(SiteState(SiteSettings(city_name=city_name, site_name="Partnerschaften"), demo=True))


def test_demo_report_says_its_figures_are_sample_data(staff_client, lyon):
    demo_state()

    html = staff_client.get(report_url(2025)).content.decode()

    assert "Beispieldaten" in html
    assert '--running-header: "Stadt Musterhausen"' in html


def test_running_header_cannot_end_the_style_element(staff_client, lyon):
    demo_state('Stadt "</style><script>')

    html = staff_client.get(report_url(2025)).content.decode()

    assert "<script>" not in html
    assert '--running-header: "Stadt \\22 \\3c \\2f style\\3e \\3c script\\3e "' in html


def read_csv(content):
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_csv_has_a_row_per_partnership_and_the_sum(staff_client, lyon, krakau):
    Project.objects.filter(title="Schüleraustausch Lyon").update(funding_source="=SUMME(A1:A9)")

    response = staff_client.get(report_url(2025, "barometer:report-csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="jahresbericht-staedtepartnerschaften-2025.csv"'
        in response["Content-Disposition"]
    )
    rows = read_csv(response.content.decode("utf-8"))
    assert rows[0] == ["Jahresbericht Städtepartnerschaften 2025"]
    header, lyon_row, krakau_row, total = rows[1:]
    assert header[:4] == ["Partnerschaft", "veröffentlicht", "Status am Jahresende", "Begegnungen"]
    assert lyon_row == [
        "Lyon", "ja", "ruhend", "2", "1", "1", "25", "18", "1", "1", "2300,50", "1000,00",
        "'=SUMME(A1:A9)",
    ]  # fmt: skip
    assert header[4] == "davon Delegationsbesuche"
    assert krakau_row[:8] == ["Krakau", "nein", "aktiv", "1", "0", "0", "3", "4"]
    # Nothing recorded is an empty cell, not a 0.
    assert krakau_row[10:12] == ["", ""]
    assert total[0] == "Summe"
    assert total[3] == "3"
    assert total[10:12] == ["2300,50", "1000,00"]


def test_demo_csv_says_its_figures_are_sample_data(staff_client, lyon):
    demo_state()

    rows = read_csv(staff_client.get(report_url(2025, "barometer:report-csv")).content.decode())

    assert rows[1][0].startswith("Beispieldaten")


def test_command_writes_the_html_report_to_stdout(lyon):
    out = io.StringIO()

    call_command("partnership_report", "--year", "2025", stdout=out)

    html = out.getvalue()
    assert html.startswith("<!DOCTYPE html>")
    assert "Schüleraustausch Lyon" in html
    # The stylesheet is in the file: there is no server to load it from.
    assert "@page" in html
    assert 'counter(page) " / " counter(pages)' in html


def test_command_writes_the_csv_to_a_file(lyon, tmp_path):
    target = tmp_path / "bericht.csv"

    call_command("partnership_report", "--year", "2025", "--format", "csv", "--output", target)

    rows = read_csv(target.read_text(encoding="utf-8"))
    assert rows[2][0] == "Lyon"


@pytest.mark.parametrize("year", ["1800", "2027"])
def test_command_refuses_a_year_without_a_report(lyon, year):
    with pytest.raises(CommandError, match="keinen Bericht"):
        call_command("partnership_report", "--year", year, stdout=io.StringIO())


def user_with(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return logged_in(user)


@pytest.mark.parametrize(
    "url",
    [
        reverse("barometer:report-form"),
        report_url(2025),
        report_url(2025, "barometer:report-csv"),
    ],
)
def test_report_is_for_staff_who_may_see_partnerships(lyon, url):
    assert user_with("change_article").get(url).status_code == 403
    assert user_with("view_partnership").get(url).status_code == 200
    assert user_with("change_partnership").get(url).status_code == 200


def test_report_asks_anonymous_visitors_to_log_in(client, lyon):
    response = client.get(report_url(2025))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_form_offers_the_years_from_the_earliest_data_and_picks_last_year(staff_client, lyon):
    AgreementFactory(partnership=lyon, signed_on=date(1985, 1, 1))

    response = staff_client.get(reverse("barometer:report-form"))

    assert response.status_code == 200
    field = response.context["form"]["year"]
    years = [value for value, _label in field.field.choices]
    assert years[0] == 2026
    assert years[-1] == 1985
    assert field.value() == 2025


@pytest.mark.parametrize("year", ["abc", "1800", "2027", ""])
def test_form_answers_a_bad_year_with_an_error(staff_client, lyon, year):
    response = staff_client.get(reverse("barometer:report-form"), {"year": year})

    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert "Bitte wählen Sie ein Jahr aus der Liste." in response.content.decode()


@pytest.mark.parametrize(
    ("chosen", "name"), [("html", "barometer:report"), ("csv", "barometer:report-csv")]
)
def test_form_leads_to_the_report_in_the_chosen_format(staff_client, lyon, chosen, name):
    response = staff_client.get(reverse("barometer:report-form"), {"year": 2025, "format": chosen})

    assert response.status_code == 302
    assert response["Location"] == report_url(2025, name)


@pytest.mark.parametrize("year", [1800, 2027])
def test_report_address_of_a_year_without_report_is_not_found(staff_client, lyon, year):
    assert staff_client.get(report_url(year)).status_code == 404


def more_of_everything(partnership, n):
    for i in range(n):
        ProjectFactory(partnership=partnership, start_date=date(2025, 2, 1) + timedelta(days=i))
        AgreementFactory(partnership=partnership, signed_on=date(2025, 3, 1))
        StatusChangeFactory(partnership=partnership, date=date(2025, 4, 1))
        ArticleFactory(publish_at=published_on(date(2025, 5, 1))).partnerships.add(partnership)
    PartnershipFactory(established_year=2020)


def test_report_costs_the_same_queries_however_much_there_is(lyon, django_assert_num_queries):
    # Partnerships, then activity.records(): projects, agreements, status
    # changes, articles and the articles' two link tables.
    with django_assert_num_queries(7):
        report.build(2025)
    more_of_everything(lyon, 5)
    with django_assert_num_queries(7):
        built = report.build(2025)
    assert len(section_of(built, lyon).exchanges) == 6


def test_report_page_costs_the_same_queries_however_much_there_is(
    staff_client, lyon, django_assert_num_queries
):
    # The session and the user, the four first years report.years() reads,
    # and the report's seven.
    with django_assert_num_queries(13):
        staff_client.get(report_url(2025))
    more_of_everything(lyon, 5)
    with django_assert_num_queries(13):
        response = staff_client.get(report_url(2025))
    assert response.content.decode().count('class="report-partnership"') == 2


def test_status_is_unknown_where_only_later_changes_are_recorded(lyon, krakau):
    StatusChangeFactory(
        partnership=krakau, date=date(2026, 2, 1), status=Partnership.Status.SUSPENDED
    )

    built = report.build(2025)

    assert section_of(built, krakau).status is None
    assert report.build(2026).sections[1].status == "ausgesetzt"


def test_admin_start_page_links_the_report_for_those_who_may_see_it(lyon):
    link = reverse("barometer:report-form")

    assert link in user_with("view_partnership").get(reverse("admin:index")).content.decode()
    assert link not in user_with("change_article").get(reverse("admin:index")).content.decode()
