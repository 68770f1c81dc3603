"""Each flag of the dashboard (partnership/barometer/flags.py) on both sides of its boundary."""

import datetime

import pytest
import time_machine

from news.models import Article
from partnership.barometer import activity, flags
from partnership.models import EVENT_TIME_ZONE, Partnership, Project
from tests.factories import AgreementFactory, ArticleFactory, PartnershipFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
TWELVE_MONTHS_AGO = datetime.date(2025, 6, 15)
IN_THREE_MONTHS = datetime.date(2026, 9, 15)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen_at_noon():
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, tzinfo=EVENT_TIME_ZONE), tick=False
    ):
        yield


@pytest.fixture
def partnership():
    return PartnershipFactory()


def raised(partnership):
    return flags.raised(activity.record(partnership, public=False))


@pytest.mark.parametrize(
    ("start_date", "flagged"), [(TWELVE_MONTHS_AGO, False), (TWELVE_MONTHS_AGO - DAY, True)]
)
@pytest.mark.parametrize("kind", [Project.Kind.SCHOOL, Project.Kind.DELEGATION])
def test_no_encounter_flag_from_twelve_months_and_one_day(partnership, kind, start_date, flagged):
    ProjectFactory(partnership=partnership, kind=kind, start_date=start_date)

    assert (flags.NO_ENCOUNTER in raised(partnership)) is flagged


def test_an_aid_delivery_is_no_encounter(partnership):
    ProjectFactory(partnership=partnership, kind=Project.Kind.AID, start_date=TODAY)

    assert flags.NO_ENCOUNTER in raised(partnership)


def test_a_planned_project_is_no_encounter_yet(partnership):
    ProjectFactory(partnership=partnership, start_date=TODAY + DAY)

    assert flags.NO_ENCOUNTER in raised(partnership)


@pytest.mark.parametrize(("start_date", "flagged"), [(TODAY + DAY, False), (TODAY, True)])
def test_nothing_planned_once_the_last_project_has_begun(partnership, start_date, flagged):
    ProjectFactory(partnership=partnership, start_date=start_date)

    assert (flags.NOTHING_PLANNED in raised(partnership)) is flagged


def test_a_cancelled_event_is_nothing_planned(partnership):
    ProjectFactory(
        partnership=partnership,
        start_date=TODAY + DAY,
        is_event=True,
        event_status=Project.EventStatus.CANCELLED,
    )

    assert flags.NOTHING_PLANNED in raised(partnership)


@pytest.mark.parametrize("field", ["review_on", "valid_until"])
@pytest.mark.parametrize(
    ("day", "flagged"),
    [
        (IN_THREE_MONTHS + DAY, False),
        (IN_THREE_MONTHS, True),
        (TODAY, True),
        (datetime.date(2020, 1, 1), True),
    ],
)
def test_agreement_due_three_months_ahead_and_after(partnership, field, day, flagged):
    agreement = AgreementFactory(partnership=partnership, **{field: day})
    AgreementFactory(partnership=partnership)

    record = activity.record(partnership, public=False)

    assert (flags.AGREEMENT_DUE in flags.raised(record)) is flagged
    assert flags.agreements_due(record) == ([agreement] if flagged else [])


def test_an_agreement_without_dates_is_never_due(partnership):
    AgreementFactory(partnership=partnership)

    assert flags.AGREEMENT_DUE not in raised(partnership)


@pytest.mark.parametrize(
    ("day", "flagged"), [(TWELVE_MONTHS_AGO, False), (TWELVE_MONTHS_AGO - DAY, True)]
)
def test_no_news_flag_from_twelve_months_and_one_day(partnership, day, flagged):
    published = datetime.datetime.combine(day, datetime.time(0, 5), tzinfo=EVENT_TIME_ZONE)
    ArticleFactory(publish_at=published).cities.add(partnership.partner_city)

    assert (flags.NO_NEWS in raised(partnership)) is flagged


def test_a_draft_is_no_news(partnership):
    ArticleFactory(status=Article.Status.DRAFT).partnerships.add(partnership)

    assert flags.NO_NEWS in raised(partnership)


@pytest.mark.parametrize("status", Partnership.Status.values)
def test_flags_apply_to_partnerships_of_every_status(status):
    partnership = PartnershipFactory(status=status)

    assert raised(partnership) == [flags.NO_ENCOUNTER, flags.NOTHING_PLANNED, flags.NO_NEWS]


def test_a_lively_partnership_raises_no_flag(partnership):
    ProjectFactory(partnership=partnership, start_date=TODAY - DAY)
    ProjectFactory(partnership=partnership, start_date=TODAY + DAY)
    AgreementFactory(partnership=partnership, review_on=IN_THREE_MONTHS + DAY)
    ArticleFactory().partnerships.add(partnership)

    assert raised(partnership) == []
