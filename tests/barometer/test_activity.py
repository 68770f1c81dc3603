"""The derivation of each partnership's activities (partnership/barometer/activity.py)."""

import datetime

import pytest
import time_machine

from partnership.barometer import activity
from partnership.barometer.activity import Kind
from partnership.models import EVENT_TIME_ZONE, Project
from partnership.participation.models import SignUp, SignUpCount
from tests.factories import (
    AgreementFactory,
    ArticleFactory,
    EventFactory,
    PartnershipFactory,
    ProjectFactory,
    SignUpEventFactory,
    SignUpFactory,
    StatusChangeFactory,
    hidden_articles,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
NOON = datetime.datetime(2026, 6, 15, 12, tzinfo=EVENT_TIME_ZONE)


def days(n):
    return TODAY + datetime.timedelta(days=n)


def titles(activities):
    return sorted(a.title for a in activities)


@pytest.fixture
def partnership():
    return PartnershipFactory()


@time_machine.travel(NOON, tick=False)
def test_each_kind_of_activity_is_derived_once(partnership):
    ProjectFactory(partnership=partnership, title="Austausch", start_date=days(-10))
    ProjectFactory(
        partnership=partnership,
        title="Besuch",
        kind=Project.Kind.DELEGATION,
        start_date=days(-20),
    )
    ProjectFactory(
        partnership=partnership, title="Lieferung", kind=Project.Kind.AID, start_date=days(-30)
    )
    AgreementFactory(partnership=partnership, title="Vertrag", signed_on=days(-40))
    StatusChangeFactory(partnership=partnership, date=days(-50), note="Wieder aufgenommen")
    ArticleFactory(title="Nachricht").partnerships.add(partnership)
    ProjectFactory(title="Anderswo", start_date=days(-10))

    record = activity.record(partnership, public=False)

    assert [(a.kind, a.title) for a in record.held] == [
        (Kind.NEWS, "Nachricht"),
        (Kind.EXCHANGE, "Austausch"),
        (Kind.DELEGATION, "Besuch"),
        (Kind.AID, "Lieferung"),
        (Kind.AGREEMENT, "Vertrag"),
        (Kind.STATUS, "Wieder aufgenommen"),
    ]


@time_machine.travel(NOON, tick=False)
def test_news_tagged_with_the_partnership_and_its_partner_city_counts_once(partnership):
    both = ArticleFactory(title="Beides")
    both.partnerships.add(partnership)
    both.cities.add(partnership.partner_city)
    ArticleFactory(title="Nur die Stadt").cities.add(partnership.partner_city)
    ArticleFactory(title="Andere Stadt").cities.add(PartnershipFactory().partner_city)

    record = activity.record(partnership, public=False)

    assert titles(record.select([Kind.NEWS])) == ["Beides", "Nur die Stadt"]


@time_machine.travel(NOON, tick=False)
def test_cancelled_events_never_count_but_moved_ones_do(partnership):
    EventFactory(
        partnership=partnership,
        title="Abgesagt",
        start_date=days(-5),
        event_status=Project.EventStatus.CANCELLED,
    )
    EventFactory(
        partnership=partnership,
        title="Abgesagt, geplant",
        start_date=days(5),
        event_status=Project.EventStatus.CANCELLED,
    )
    EventFactory(
        partnership=partnership,
        title="Verschoben",
        start_date=days(-5),
        event_status=Project.EventStatus.MOVED,
    )

    record = activity.record(partnership, public=False)

    assert titles(record.held) == ["Verschoben"]
    assert record.planned == []


@time_machine.travel(NOON, tick=False)
def test_what_begins_today_is_held_and_what_begins_tomorrow_is_planned(partnership):
    ProjectFactory(partnership=partnership, title="Heute", start_date=TODAY)
    ProjectFactory(partnership=partnership, title="Morgen", start_date=days(1))
    ProjectFactory(partnership=partnership, title="Übermorgen", start_date=days(2))

    record = activity.record(partnership, public=False)

    assert titles(record.held) == ["Heute"]
    assert [a.title for a in record.planned] == ["Morgen", "Übermorgen"]
    assert record.next_planned().title == "Morgen"
    assert record.last().title == "Heute"


@time_machine.travel(NOON, tick=False)
def test_public_records_leave_out_unpublished_projects(partnership):
    ProjectFactory(partnership=partnership, title="Veröffentlicht", start_date=days(-1))
    ProjectFactory(partnership=partnership, title="Entwurf", start_date=days(-1), published=False)

    assert titles(activity.record(partnership, public=True).held) == ["Veröffentlicht"]
    assert titles(activity.record(partnership, public=False).held) == [
        "Entwurf",
        "Veröffentlicht",
    ]


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("public", [True, False])
def test_news_not_published_never_counts(partnership, public):
    for article in hidden_articles():
        article.partnerships.add(partnership)
    ArticleFactory(title="Erschienen").partnerships.add(partnership)

    record = activity.record(partnership, public=public)

    assert titles(record.held + record.planned) == ["Erschienen"]


@time_machine.travel(NOON, tick=False)
def test_periods_include_their_first_and_last_day(partnership):
    twelve_months_ago = datetime.date(2025, 6, 15)
    ProjectFactory(
        partnership=partnership, title="Vor genau 12 Monaten", start_date=twelve_months_ago
    )
    ProjectFactory(
        partnership=partnership,
        title="Einen Tag davor",
        start_date=twelve_months_ago - datetime.timedelta(days=1),
    )
    ProjectFactory(
        partnership=partnership, title="Silvester", start_date=datetime.date(2025, 12, 31)
    )
    ProjectFactory(partnership=partnership, title="Neujahr", start_date=datetime.date(2026, 1, 1))

    record = activity.record(partnership, public=False)

    assert record.since(12) == twelve_months_ago
    assert titles(record.select(since=record.since(12))) == [
        "Neujahr",
        "Silvester",
        "Vor genau 12 Monaten",
    ]
    assert titles(record.in_year(2025)) == ["Einen Tag davor", "Silvester", "Vor genau 12 Monaten"]
    assert record.per_year([2024, 2025, 2026]) == [(2024, 0), (2025, 3), (2026, 1)]


@time_machine.travel(NOON, tick=False)
def test_participants_add_up_what_is_recorded(partnership):
    ProjectFactory(
        partnership=partnership, start_date=days(-1), participants_home=12, participants_partner=8
    )
    ProjectFactory(partnership=partnership, start_date=days(-2), participants_partner=5)
    ProjectFactory(partnership=partnership, start_date=days(-3))

    assert activity.record(partnership, public=False).participants() == 25


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert activity.months_before(datetime.date(2026, 6, 15), 12) == datetime.date(2025, 6, 15)
    assert activity.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert activity.months_before(datetime.date(2026, 1, 15), 2) == datetime.date(2025, 11, 15)


def test_participants_of_an_event_with_sign_up_are_those_with_a_confirmed_place():
    with time_machine.travel(NOON, tick=False):
        held = SignUpEventFactory(start_date=TODAY - datetime.timedelta(days=1))
        SignUpFactory(event=held, party_size=2)
        SignUpFactory(event=held, party_size=1)
        SignUpFactory(event=held, party_size=4, state=SignUp.State.UNCONFIRMED)
        SignUpFactory(event=held, party_size=5, waiting=True)
        typed = SignUpEventFactory(
            partnership=held.partnership,
            start_date=TODAY - datetime.timedelta(days=2),
            participants_home=40,
        )
        SignUpFactory(event=typed, party_size=3)
        purged = SignUpEventFactory(
            partnership=held.partnership, start_date=TODAY - datetime.timedelta(days=60)
        )
        SignUpCount.objects.create(event=purged, confirmed=6, people=9, purged_at=NOON)
        planned = SignUpEventFactory(
            partnership=held.partnership, start_date=TODAY + datetime.timedelta(days=5)
        )
        SignUpFactory(event=planned, party_size=2)

        found = activity.record(held.partnership, public=False)

    home = {a.item: a.participants_home for a in found.held + found.planned}
    # Only confirmed places count; a number staff typed wins; the count kept
    # after deletion stands for the sign-ups; a coming event has none yet.
    assert home == {held: 3, typed: 40, purged: 9, planned: None}
