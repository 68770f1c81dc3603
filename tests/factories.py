from datetime import date, timedelta
from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cities.models import City
from news.models import Article, Category
from partnership.models import (
    Agreement,
    Contact,
    CooperationArea,
    Partnership,
    Project,
    StatusChange,
)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")

    class Meta:
        model = get_user_model()


class CityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partnerstadt {n}")
    country = "FR"
    published = True

    class Meta:
        model = City


class HomeCityFactory(CityFactory):
    name = "Heimatstadt"
    country = "DE"
    is_home = True

    class Meta:
        model = City
        django_get_or_create = ["is_home"]


class CooperationAreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kooperationsfeld {n}")

    class Meta:
        model = CooperationArea


class ContactFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partnerschaftsverein {n}")
    email = factory.Sequence(lambda n: f"verein{n}@stadt.example")

    class Meta:
        model = Contact


class PartnershipFactory(factory.django.DjangoModelFactory):
    home_city = factory.SubFactory(HomeCityFactory)
    partner_city = factory.SubFactory(CityFactory)
    established_year = 1990
    published = True

    class Meta:
        model = Partnership


class StatusChangeFactory(factory.django.DjangoModelFactory):
    partnership = factory.SubFactory(PartnershipFactory)
    date = date(2014, 6, 1)
    status = Partnership.Status.SUSPENDED

    class Meta:
        model = StatusChange


class AgreementFactory(factory.django.DjangoModelFactory):
    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Vereinbarung {n}")
    signed_on = date(2019, 11, 25)

    class Meta:
        model = Agreement


class ProjectFactory(factory.django.DjangoModelFactory):
    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    kind = Project.Kind.SCHOOL
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    published = True

    class Meta:
        model = Project


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategorie {n}")

    class Meta:
        model = Category


class ArticleFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Beitrag {n}")
    body = "<p>Ein Text über die Partnerschaft.</p>"
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Meta:
        model = Article


def hidden_articles(prefix=""):
    """One article for each way of not being public, titled ``prefix`` and the way."""
    now = timezone.now()
    return [
        ArticleFactory(title=f"{prefix}Entwurf", status=Article.Status.DRAFT),
        ArticleFactory(title=f"{prefix}In Prüfung", status=Article.Status.REVIEW),
        ArticleFactory(title=f"{prefix}Zurückgezogen", status=Article.Status.WITHDRAWN),
        ArticleFactory(title=f"{prefix}Geplant", publish_at=now + timedelta(days=1)),
        ArticleFactory(
            title=f"{prefix}Abgelaufen",
            publish_at=now - timedelta(days=9),
            unpublish_at=now - timedelta(days=1),
        ),
    ]


def image_upload(name="bild.jpg", image_format="JPEG", size=(40, 30), exif=None):
    """An uploaded image file made in memory."""
    buffer = BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format=image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def article_form(article=None, **overrides):
    """The admin's article form as a browser would post it."""
    data = {
        "title": "Besuch aus Tsukuba",
        "slug": "",
        "teaser": "",
        "body": "<p>Eine Delegation kam.</p>",
        "status": Article.Status.DRAFT,
        "publish_at_0": "03.12.2019",
        "publish_at_1": "09:00:00",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "byline": "Presseamt",
        "image_alt": "",
        "image_credit": "",
        "image_licence": "",
        "review_comment": "",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            body=article.body,
            status=article.status,
            expected_version=article.version,
        )
    data.update(overrides)
    # The admin edits the German text of a translated field under its German column.
    for name in ("title", "slug", "teaser", "body", "image_alt"):
        if name in data:
            data[f"{name}_de"] = data.pop(name)
    return data
