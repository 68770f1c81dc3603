from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from partnership.models import Agreement, Partnership, Project
from tests.factories import (
    AgreementFactory,
    CityFactory,
    HomeCityFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_published_partnership_between_published_cities_is_public():
    partnership = PartnershipFactory()
    assert list(Partnership.objects.published()) == [partnership]
    assert partnership.is_published()


@pytest.mark.parametrize("hidden", ["partnership", "partner_city", "home_city"])
def test_partnership_is_hidden_when_it_or_a_city_is_unpublished(hidden):
    partnership = PartnershipFactory()
    target = partnership if hidden == "partnership" else getattr(partnership, hidden)
    target.published = False
    target.save()
    partnership.refresh_from_db()
    assert not Partnership.objects.published().exists()
    assert not partnership.is_published()


def test_planned_partnership_is_public_once_published():
    PartnershipFactory(status=Partnership.Status.PLANNED)
    assert Partnership.objects.published().count() == 1


def test_a_city_cannot_partner_with_itself():
    city = HomeCityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(home_city=city, partner_city=city, established_year=2000)


def test_a_city_cannot_partner_with_itself_is_a_form_error():
    city = HomeCityFactory()
    partnership = Partnership(home_city=city, partner_city=city, established_year=2000)
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert "partner_city" in error.value.message_dict


def test_the_same_pair_cannot_be_entered_twice():
    first = PartnershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(
            home_city=first.home_city, partner_city=first.partner_city, established_year=2000
        )


def test_established_date_must_match_the_year():
    partnership = PartnershipFactory.build(
        home_city=HomeCityFactory(),
        partner_city=CityFactory(),
        established_year=2019,
        established_on=date(2018, 11, 25),
    )
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert "established_on" in error.value.message_dict


def test_slug_comes_from_the_partner_city():
    assert PartnershipFactory(partner_city=CityFactory(name="Tsukuba")).slug == "tsukuba"


def test_partnership_with_agreements_or_projects_cannot_be_deleted():
    agreement = AgreementFactory()
    project = ProjectFactory(partnership=agreement.partnership)
    with pytest.raises(ProtectedError):
        agreement.partnership.delete()
    assert Agreement.objects.filter(pk=agreement.pk).exists()
    assert Project.objects.filter(pk=project.pk).exists()


def test_agreements_follow_their_partnership():
    shown = AgreementFactory()
    hidden = AgreementFactory(partnership=PartnershipFactory(published=False))
    assert list(Agreement.objects.published()) == [shown]
    assert not hidden.is_published()


def test_project_needs_its_own_flag_and_a_public_partnership():
    shown = ProjectFactory()
    ProjectFactory(published=False)
    ProjectFactory(partnership=PartnershipFactory(published=False))
    assert list(Project.objects.published()) == [shown]


def test_upcoming_keeps_projects_until_their_last_day():
    today = date(2026, 11, 26)
    ended = ProjectFactory(
        start_date=today - timedelta(days=3), end_date=today - timedelta(days=1)
    )
    last_day = ProjectFactory(start_date=today - timedelta(days=3), end_date=today)
    one_day_past = ProjectFactory(start_date=today - timedelta(days=1))
    one_day_today = ProjectFactory(start_date=today)
    upcoming = set(Project.objects.upcoming(today=today))
    assert upcoming == {last_day, one_day_today}
    assert ended not in upcoming and one_day_past not in upcoming


def test_project_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(start_date=date(2026, 5, 2), end_date=date(2026, 5, 1))
