import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from cities.models import City
from core.slugs import german_slugify
from tests.factories import ArticleFactory, CityFactory, HomeCityFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_published_city_is_public_and_unpublished_is_not():
    public = CityFactory(published=True)
    hidden = CityFactory(published=False)

    assert list(City.objects.published()) == [public]
    assert public.is_published()
    assert not hidden.is_published()


def test_database_refuses_a_second_home_city():
    HomeCityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="Zweite Heimat", country="DE", is_home=True)


def test_second_home_city_gives_a_form_error_not_a_crash():
    HomeCityFactory()
    city = City(name="Zweite Heimat", country="DE", is_home=True)
    with pytest.raises(ValidationError, match="bereits eine Heimatstadt"):
        city.full_clean()


def test_any_number_of_partner_cities_is_allowed():
    CityFactory.create_batch(3, is_home=False)
    assert City.objects.partners().count() == 3


def test_home_returns_the_home_city_or_none():
    assert City.objects.home() is None
    home = HomeCityFactory()
    CityFactory()
    assert City.objects.home() == home


@pytest.mark.parametrize(("latitude", "longitude"), [(91, 0), (-91, 0), (0, 181), (0, -181)])
def test_coordinates_out_of_range_are_refused_by_the_database(latitude, longitude):
    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.create(name="X", country="DE", latitude=latitude, longitude=longitude)


def test_coordinates_out_of_range_are_a_validation_error():
    city = City(name="X", country="DE", latitude=95, longitude=200)
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert {"latitude", "longitude"} <= set(error.value.message_dict)


def test_population_needs_the_year_of_the_figure():
    with pytest.raises(ValidationError, match="Jahr"):
        City(name="X", country="DE", population=250_000).full_clean()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Städtepartnerschaft", "staedtepartnerschaft"),
        ("Größe & Übermut", "groesse-uebermut"),
        ("Öl aus Straße", "oel-aus-strasse"),
        ("Tsukuba つくば", "tsukuba"),
    ],
)
def test_german_slugify_transliterates(title, slug):
    assert german_slugify(title) == slug


def test_slug_is_generated_from_the_name_and_kept_unique():
    first = CityFactory(name="Nordhausen")
    second = CityFactory(name="Nordhausen")
    assert first.slug == "nordhausen"
    assert second.slug == "nordhausen-2"


def test_slug_set_by_staff_is_kept():
    assert CityFactory(name="Donezk", slug="donezk-ukraine").slug == "donezk-ukraine"


def test_city_with_a_partnership_cannot_be_deleted():
    partnership = PartnershipFactory()
    with pytest.raises(ProtectedError):
        partnership.partner_city.delete()
    assert City.objects.filter(pk=partnership.partner_city.pk).exists()


def test_deleting_a_city_keeps_its_news():
    city = CityFactory()
    article = ArticleFactory()
    article.cities.add(city)
    city.delete()
    article.refresh_from_db()
    assert article.cities.count() == 0


def test_absolute_url_is_the_profile():
    assert CityFactory(name="Oviedo").get_absolute_url() == "/staedte/oviedo/"
