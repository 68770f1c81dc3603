"""The chronicle and the line of facts on a partnership's public page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse, translate_url
from django.utils.html import strip_tags

from core.dates import DatePrecision
from partnership.barometer import activity
from partnership.models import Partnership, Project
from partnership.site.models import DemoObject
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    CityFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    StatusChangeFactory,
    hidden_articles,
)

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# Noon, so that the day is the same in Berlin and in UTC.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=BERLIN)


@pytest.fixture
def partnership():
    return PartnershipFactory(partner_city=CityFactory(name="Donezk"))


def chronicle(client, partnership, language="de"):
    """The chronicle's section of the partnership page."""
    response = client.get(translate_url(partnership.get_absolute_url(), language))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<section class="chronicle"')
    return html[start : html.index("</section>", start)]


def facts(client, partnership, language="de"):
    """The line of facts as read, without its markup."""
    html = chronicle(client, partnership, language)
    start = html.index('<p class="chronicle__facts">')
    return " ".join(strip_tags(html[start : html.index("</p>", start)]).split())


def held(partnership, day, kind=Project.Kind.SCHOOL, **fields):
    return ProjectFactory(partnership=partnership, kind=kind, start_date=day, **fields)


def article_about(partnership, title, day):
    article = ArticleFactory(title=title, publish_at=datetime(*day, 10, tzinfo=BERLIN))
    article.partnerships.add(partnership)
    return article


@time_machine.travel(NOW, tick=False)
def test_chronicle_lists_status_agreements_projects_and_news_newest_first(client, partnership):
    StatusChangeFactory(
        partnership=partnership,
        status=Partnership.Status.ACTIVE,
        date=date(1987, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    agreement = AgreementFactory(
        partnership=partnership, title="Freundschaftsvertrag", signed_on=date(2014, 6, 3)
    )
    project = held(partnership, date(2019, 7, 1), title="Schulfahrt nach Donezk")
    delivery = held(partnership, date(2022, 3, 8), Project.Kind.AID, title="Medikamente")
    article = article_about(partnership, "Hilfsgüter angekommen", (2023, 3, 2))

    html = chronicle(client, partnership)

    entries = [
        f'<a href="{article.get_absolute_url()}" lang="de">Hilfsgüter angekommen</a>',
        f'<a href="{delivery.get_absolute_url()}" lang="de">Medikamente</a>',
        f'<a href="{project.get_absolute_url()}" lang="de">Schulfahrt nach Donezk</a>',
        f'<a href="{agreement.get_absolute_url()}" lang="de">Freundschaftsvertrag</a>',
        "Aktiv",
    ]
    positions = [html.index(entry) for entry in entries]
    assert positions == sorted(positions)
    assert f"#vereinbarung-{agreement.pk}" in agreement.get_absolute_url()
    assert f"#projekt-{project.pk}" in project.get_absolute_url()
    for label in ("Nachricht", "Hilfslieferung", "Schüleraustausch", "Vereinbarung"):
        assert f'<p class="card__meta">{label}</p>' in html
    assert '<time datetime="2014-06-03">3. Juni 2014</time>' in html


@time_machine.travel(NOW, tick=False)
def test_chronicle_shows_a_year_only_date_as_the_year(client, partnership):
    StatusChangeFactory(
        partnership=partnership, date=date(1987, 1, 1), date_precision=DatePrecision.YEAR
    )
    StatusChangeFactory(
        partnership=partnership, date=date(2014, 6, 1), date_precision=DatePrecision.MONTH
    )

    html = chronicle(client, partnership)

    assert '<time datetime="1987">1987</time>' in html
    assert "Januar 1987" not in html
    assert '<time datetime="2014-06">Juni 2014</time>' in html


@time_machine.travel(NOW, tick=False)
def test_chronicle_keeps_the_note_of_a_status_change(client, partnership):
    StatusChangeFactory(
        partnership=partnership, status=Partnership.Status.SUSPENDED, note="Wegen des Krieges."
    )

    html = chronicle(client, partnership)

    assert "Ausgesetzt" in html and "Wegen des Krieges." in html
    assert '<p class="card__meta">Statusänderung</p>' in html


@time_machine.travel(NOW, tick=False)
def test_chronicle_leaves_out_what_is_not_published_cancelled_or_planned(client, partnership):
    held(partnership, date(2025, 5, 1), title="Unveröffentlichtes Projekt", published=False)
    EventFactory(
        partnership=partnership,
        title="Abgesagte Fahrt",
        start_date=date(2025, 6, 1),
        event_status=Project.EventStatus.CANCELLED,
    )
    for article in hidden_articles("Verborgen: "):
        article.partnerships.add(partnership)
    held(partnership, date(2027, 1, 20), title="Geplante Fahrt")
    held(partnership, date(2025, 4, 1), title="Gehaltene Fahrt")

    html = chronicle(client, partnership)

    assert "Gehaltene Fahrt" in html
    for hidden in ("Unveröffentlichtes Projekt", "Abgesagte Fahrt", "Verborgen: "):
        assert hidden not in html
    # Planned is only the facts line's "Nächste".
    assert html.count("Geplante Fahrt") == 1
    assert "Nächste: Geplante Fahrt" in facts(client, partnership)


@time_machine.travel(NOW, tick=False)
def test_news_tagged_with_the_partnership_and_its_city_is_listed_once(client, partnership):
    both = article_about(partnership, "Doppelt verschlagwortet", (2026, 5, 4))
    both.cities.add(partnership.partner_city)
    ArticleFactory(
        title="Nur die Stadt", publish_at=datetime(2026, 5, 5, 10, tzinfo=BERLIN)
    ).cities.add(partnership.partner_city)
    ArticleFactory(title="Andere Stadt").cities.add(CityFactory())

    html = chronicle(client, partnership)

    assert html.count("Doppelt verschlagwortet") == 1
    assert "Nur die Stadt" in html
    assert "Andere Stadt" not in html


@time_machine.travel(NOW, tick=False)
def test_chronicle_lists_the_twenty_newest_news_and_the_page_links_to_all(client, partnership):
    """A partner city written about for years must not make a page of thousands of entries."""
    city = partnership.partner_city
    for day in range(1, 26):
        # Tagged with the partnership, with its city or with both, in turn:
        # the newest twenty of either tag, each once.
        published = datetime(2026, 3, day, 10, tzinfo=BERLIN)
        article = ArticleFactory(title=f"Meldung {day:02d}", publish_at=published)
        if day % 3 != 1:
            article.partnerships.add(partnership)
        if day % 3 != 2:
            article.cities.add(city)

    html = chronicle(client, partnership)

    assert [html.count(f"Meldung {day:02d}") for day in range(1, 26)] == [0] * 5 + [1] * 20
    assert html.index("Meldung 25") < html.index("Meldung 06")
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert f'href="{reverse("news:city", args=[partnership.partner_city.slug])}"' in page


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Two years back to the day is still within the last two years.
        (
            datetime(2026, 10, 15, 12, tzinfo=BERLIN),
            "1 Begegnung in den letzten zwei Jahren, zuletzt im Oktober 2024.",
        ),
        (
            datetime(2026, 10, 16, 12, tzinfo=BERLIN),
            "In den letzten zwei Jahren ist keine Begegnung verzeichnet; "
            "die letzte war im Oktober 2024.",
        ),
    ],
)
def test_facts_count_the_encounters_of_the_last_two_years(client, partnership, today, expected):
    with time_machine.travel(today, tick=False):
        held(partnership, date(2024, 10, 15))

        assert facts(client, partnership) == expected


@time_machine.travel(NOW, tick=False)
def test_facts_count_exchanges_and_delegations_but_not_aid_or_news(client, partnership):
    held(partnership, date(2025, 3, 1), Project.Kind.DELEGATION)
    held(partnership, date(2026, 10, 9), Project.Kind.YOUTH)
    held(partnership, date(2026, 11, 1), Project.Kind.AID)
    article_about(partnership, "Nachricht", (2026, 11, 20))

    assert facts(client, partnership) == (
        "2 Begegnungen in den letzten zwei Jahren, zuletzt im Oktober 2026."
    )


@time_machine.travel(NOW, tick=False)
def test_facts_without_any_encounter(client, partnership):
    held(partnership, date(2026, 11, 1), Project.Kind.AID)

    assert facts(client, partnership) == (
        "In den letzten zwei Jahren ist keine Begegnung verzeichnet."
    )


@time_machine.travel(NOW, tick=False)
def test_facts_name_the_next_planned_project_with_its_month(client, partnership):
    held(partnership, date(2026, 10, 9))
    held(partnership, date(2027, 3, 1), Project.Kind.DELEGATION, title="Besuch des Rates")
    trip = EventFactory(partnership=partnership, title="Bürgerfahrt", start_date=date(2027, 1, 8))

    html = chronicle(client, partnership)

    assert facts(client, partnership) == (
        "1 Begegnung in den letzten zwei Jahren, zuletzt im Oktober 2026. "
        "Nächste: Bürgerfahrt im Januar 2027."
    )
    assert f'<a href="{trip.get_absolute_url()}" lang="de">Bürgerfahrt</a>' in html


@time_machine.travel(NOW, tick=False)
def test_facts_say_nothing_of_a_next_one_when_nothing_is_planned(client, partnership):
    held(partnership, date(2026, 10, 9))

    assert "Nächste" not in facts(client, partnership)


@time_machine.travel(NOW, tick=False)
def test_demo_facts_are_marked_as_sample_data(client, partnership):
    held(partnership, date(2026, 10, 9))
    assert "Beispieldaten" not in facts(client, partnership)

    DemoObject.objects.record(partnership)

    assert facts(client, partnership).startswith("Beispieldaten 1 Begegnung")


@time_machine.travel(NOW, tick=False)
def test_english_page_shows_the_chronicle(client, partnership):
    held(partnership, date(2026, 10, 9))
    StatusChangeFactory(
        partnership=partnership, date=date(2014, 6, 1), date_precision=DatePrecision.MONTH
    )

    html = chronicle(client, partnership, "en")

    assert '<time datetime="2014-06">June 2014</time>' in html
    assert "October 2026" in facts(client, partnership, "en")


@time_machine.travel(NOW, tick=False)
def test_public_record_of_the_page_is_the_public_record(partnership, django_assert_num_queries):
    StatusChangeFactory(partnership=partnership)
    AgreementFactory(partnership=partnership)
    held(partnership, date(2025, 5, 1))
    held(partnership, date(2025, 5, 2), published=False)
    held(partnership, date(2027, 2, 1), Project.Kind.DELEGATION)
    EventFactory(
        partnership=partnership,
        start_date=date(2025, 6, 1),
        event_status=Project.EventStatus.CANCELLED,
    )
    article_about(partnership, "Bericht", (2026, 1, 5)).cities.add(partnership.partner_city)
    hidden_articles()[0].partnerships.add(partnership)
    page = Partnership.objects.with_details().get(pk=partnership.pk)

    # Its news; the rest was prefetched.
    with django_assert_num_queries(1):
        from_page = activity.public_record(page)
    expected = activity.record(partnership, public=True)

    def items(activities):
        return [(a.kind, a.date, type(a.item), a.item.pk) for a in activities]

    assert items(from_page.held) == items(expected.held)
    assert items(from_page.planned) == items(expected.planned)
    assert len(expected.held) == 4 and len(expected.planned) == 1
    # Read without the page's prefetch, its projects are all of them: still only the public.
    unprefetched = activity.public_record(Partnership.objects.get(pk=partnership.pk))
    assert items(unprefetched.held) == items(expected.held)
