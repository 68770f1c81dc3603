"""The staff dashboard "Partnerschaftsbarometer" at /admin/barometer/."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from partnership.barometer import flags
from partnership.models import EVENT_TIME_ZONE, Project
from partnership.site.models import SiteSettings
from partnership.site.models.identity import SiteState, keep_copy
from tests.conftest import logged_in
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/admin/barometer/"
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen_at_noon():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, tzinfo=EVENT_TIME_ZONE), tick=False
    ):
        yield


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def viewer(db):
    """Staff who may see partnerships, and nothing else."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_partnership"))
    return user


def test_the_url_is_named_and_under_the_admin():
    assert reverse("barometer:dashboard") == URL


def test_staff_who_may_see_partnerships_see_the_dashboard(viewer):
    response = logged_in(viewer).get(URL)

    assert response.status_code == 200
    assert response.context["title"] == "Partnerschaftsbarometer"
    # Inside the admin: its header and the user's links.
    assert b'id="site-name"' in response.content
    assert b'id="user-tools"' in response.content


def test_staff_without_the_view_permission_are_refused(staff_without_rights):
    assert logged_in(staff_without_rights).get(URL).status_code == 403


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_start_page_links_to_the_dashboard_for_those_who_may_see_it(
    viewer, staff_without_rights
):
    link = f'href="{URL}"'.encode()

    assert link in logged_in(viewer).get("/admin/").content
    assert link not in logged_in(staff_without_rights).get("/admin/").content


def test_every_partnership_has_a_row_and_unpublished_ones_are_marked(admin_client):
    published = PartnershipFactory()
    draft = PartnershipFactory(published=False)

    response = admin_client.get(URL)

    rows = {row["partnership"]: row for row in response.context["rows"]}
    assert set(rows) == {published, draft}
    assert response.content.decode().count("nicht veröffentlicht") == 1


@pytest.fixture
def lively():
    """A partnership with something of each kind, in and out of the periods."""
    partnership = PartnershipFactory()
    items = {
        "exchange": ProjectFactory(
            partnership=partnership,
            start_date=days(-30),
            participants_home=10,
            participants_partner=5,
            published=False,
        ),
        "old exchange": ProjectFactory(
            partnership=partnership,
            kind=Project.Kind.CULTURE,
            start_date=days(-500),
            participants_home=7,
        ),
        "delegation": ProjectFactory(
            partnership=partnership, kind=Project.Kind.DELEGATION, start_date=days(-400)
        ),
        "aid": ProjectFactory(
            partnership=partnership, kind=Project.Kind.AID, start_date=days(-10)
        ),
        "planned": ProjectFactory(partnership=partnership, start_date=days(20)),
        "agreement": AgreementFactory(
            partnership=partnership, signed_on=days(-100), review_on=days(60)
        ),
        "news": ArticleFactory(),
        "city news": ArticleFactory(),
    }
    items["news"].partnerships.add(partnership)
    items["city news"].cities.add(partnership.partner_city)
    # Counted nowhere: cancelled, long ago, or another partnership's.
    EventFactory(
        partnership=partnership, start_date=days(-5), event_status=Project.EventStatus.CANCELLED
    )
    ProjectFactory(partnership=partnership, start_date=days(-800))
    ProjectFactory(start_date=days(-5))
    ArticleFactory().partnerships.add(PartnershipFactory())
    return partnership, items


def listed(client, url):
    """The objects the admin list at ``url`` shows; it must accept the filter."""
    response = client.get(url)
    assert response.status_code == 200, url
    return set(response.context["cl"].result_list)


def row_of(partnership, response):
    (row,) = [row for row in response.context["rows"] if row["partnership"] == partnership]
    return row


def test_each_figure_links_to_the_list_of_what_it_counts(admin_client, lively):
    partnership, items = lively
    response = admin_client.get(URL)
    row = row_of(partnership, response)
    exchanges, delegations, aid, agreements, news = row["counts"]

    expected = [
        (exchanges, [{items["exchange"]}, {items["exchange"], items["old exchange"]}]),
        (delegations, [set(), {items["delegation"]}]),
        (aid, [{items["aid"]}, {items["aid"]}]),
        (agreements, [{items["agreement"]}, {items["agreement"]}]),
        (news, [{items["news"], items["city news"]}] * 2),
        (row["participants"], [{items["exchange"]}, {items["exchange"], items["old exchange"]}]),
    ]
    html = response.content.decode()
    for figures, objects in expected:
        for figure, counted in zip(figures, objects, strict=True):
            if not counted:
                assert (figure.value, figure.url) == (0, None)
                continue
            assert figure.url in html
            assert listed(admin_client, figure.url) == counted
    assert [figure.value for figure in row["participants"]] == [15, 22]
    assert [figure.value for figure in exchanges] == [1, 2]


def test_last_encounter_and_next_planned_link_to_their_projects(admin_client, lively):
    partnership, items = lively
    row = row_of(partnership, admin_client.get(URL))

    # The aid delivery is more recent, but no encounter.
    assert row["last_encounter"]["activity"].item == items["exchange"]
    assert row["next_planned"]["activity"].item == items["planned"]
    for linked in (row["last_encounter"], row["next_planned"]):
        assert admin_client.get(linked["url"]).context["original"] == linked["activity"].item


def test_due_agreements_flag_links_to_them(admin_client, lively):
    partnership, items = lively
    row = row_of(partnership, admin_client.get(URL))

    assert [flag for flag, _url in row["flags"]] == [flags.AGREEMENT_DUE]
    (url,) = [url for flag, url in row["flags"] if url]
    assert listed(admin_client, url) == {items["agreement"]}


def test_flags_are_shown_with_their_rules(admin_client):
    partnership = PartnershipFactory()

    response = admin_client.get(URL)

    assert [flag for flag, _url in row_of(partnership, response)["flags"]] == [
        flags.NO_ENCOUNTER,
        flags.NOTHING_PLANNED,
        flags.NO_NEWS,
    ]
    html = response.content.decode()
    for flag in flags.FLAGS:
        assert f"<dt>{flag}</dt>" in html
        assert str(flag.rule) in html


def test_the_trend_chart_shows_encounters_of_six_years(admin_client, lively):
    partnership, _items = lively
    row = row_of(partnership, admin_client.get(URL))

    chart = " ".join(str(row["trend"]).split())
    assert '<svg role="img"' in chart
    assert f"<title>Begegnungen je Jahr mit {partnership.partner_city}</title>" in chart
    # 2024: the project of 800 days ago; 2025: the delegation visit and the
    # older exchange; 2026: the exchange, but not the aid delivery.
    counts = [(2021, 0), (2022, 0), (2023, 0), (2024, 1), (2025, 2), (2026, 1)]
    for year, count in counts:
        assert f'<th scope="row">{year}</th> <td>{count}</td>' in chart
    assert "2020" not in chart


def test_demo_figures_are_marked_as_sample_data(admin_client):
    PartnershipFactory()
    assert "Beispieldaten" not in admin_client.get(URL).content.decode()

    keep_copy(SiteState(SiteSettings.from_settings(), demo=True))

    assert "Beispieldaten" in admin_client.get(URL).content.decode()


def fill(partnerships, projects):
    """``partnerships`` partnerships, the first with ``projects`` projects, news and agreements."""
    created = [PartnershipFactory() for _ in range(partnerships)]
    first = created[0]
    for number in range(projects):
        ProjectFactory(partnership=first, start_date=days(-10 * number + 50))
        ArticleFactory().partnerships.add(first)
        ArticleFactory().cities.add(first.partner_city)
    AgreementFactory.create_batch(projects, partnership=first)


# The session and the user; the partnerships with both cities; their
# projects, agreements, status changes, news, and the news' links to
# partnerships and to cities (activity.records); whether the site settings
# exist, for the admin's list of apps ("hinzufügen" is offered only while
# they do not). Nothing per partnership, project or article.
DASHBOARD_QUERIES = 10


@pytest.mark.parametrize(("partnerships", "projects"), [(1, 1), (5, 1), (1, 30), (5, 30)])
def test_query_count_is_fixed(admin_client, django_assert_num_queries, partnerships, projects):
    fill(partnerships, projects)

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = admin_client.get(URL)

    assert len(response.context["rows"]) == partnerships
