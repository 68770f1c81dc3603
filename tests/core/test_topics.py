"""core.models.Topic, through the two apps' topics: news categories and cooperation areas."""

import pytest

from news.models import Category
from partnership.models import CooperationArea
from tests.factories import CategoryFactory, CooperationAreaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [CategoryFactory, CooperationAreaFactory])
def test_topic_slug_comes_from_its_name_and_stays_unique(factory):
    assert factory(name="Jugend & Schüler").slug == "jugend-schueler"
    assert factory(name="Jugend + Schüler").slug == "jugend-schueler-2"


@pytest.mark.parametrize("model", [Category, CooperationArea])
def test_topics_are_listed_by_name(model):
    for name in ["Wissenschaft", "Kultur", "Sport"]:
        model.objects.create(name=name)
    assert [str(topic) for topic in model.objects.all()] == ["Kultur", "Sport", "Wissenschaft"]
