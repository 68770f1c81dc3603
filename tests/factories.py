import struct
import zlib
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
from partnership.participation.models import SignUp


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


class EventFactory(ProjectFactory):
    title = factory.Sequence(lambda n: f"Bürgerfahrt {n}")
    kind = Project.Kind.CITIZENS
    is_event = True
    place_name = "Rathaus"
    place_address = "Marktplatz 1\n99734 Nordhausen"


class SignUpEventFactory(EventFactory):
    signup_enabled = True
    capacity = 10


class SignUpFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(SignUpEventFactory)
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"teilnehmerin{n}@example.org")
    state = SignUp.State.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    key_hash = factory.Sequence(lambda n: f"{n:064d}")

    class Meta:
        model = SignUp


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


def scanned_pdf(name="vereinbarung.pdf"):
    """A PDF as a scanner makes it: one page that is a picture, no tags."""
    buffer = BytesIO()
    Image.new("RGB", (60, 80), (250, 250, 245)).save(buffer, format="PDF")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def tagged_pdf(name="vereinbarung.pdf", in_object_stream=False):
    """
    A one-page tagged PDF: the catalogue marks the content and names its
    structure tree. With ``in_object_stream``, the catalogue sits compressed
    in an object stream with a cross-reference stream, as PDF 1.5 and later
    writers store it.
    """
    catalog = (
        b"<< /Type /Catalog /Pages 2 0 R /Lang (de-DE) "
        b"/MarkInfo << /Marked true >> /StructTreeRoot 4 0 R >>"
    )
    objects = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        4: b"<< /Type /StructTreeRoot /K [] >>",
    }
    if not in_object_stream:
        return SimpleUploadedFile(name, _pdf({1: catalog, **objects}), "application/pdf")
    header = b"1 0 "
    packed = zlib.compress(header + catalog)
    objects[5] = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(header),
        len(packed),
    )
    objects[5] += b"stream\n" + packed + b"\nendstream"
    return SimpleUploadedFile(name, _pdf(objects, packed={1: 5}), "application/pdf")


def _pdf(objects, packed=None):
    """
    A PDF file of ``objects`` (number: dictionary), object 1 its root, with
    a cross-reference table, or a cross-reference stream where objects are
    ``packed`` (number: number of their object stream).
    """
    data = b"%PDF-1.7\n"
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(data)
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    size = max([*objects, *(packed or {})]) + 1
    xref = len(data)
    if packed is None:
        data += b"xref\n0 %d\n0000000000 65535 f \n" % size
        data += b"".join(b"%010d 00000 n \n" % offsets[number] for number in range(1, size))
        data += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % size
    else:
        offsets[size] = xref
        rows = [struct.pack(">BIH", 0, 0, 65535)]
        for number in range(1, size + 1):
            if number in packed:
                rows.append(struct.pack(">BIH", 2, packed[number], 0))
            else:
                rows.append(struct.pack(">BIH", 1, offsets[number], 0))
        table = b"".join(rows)
        data += b"%d 0 obj\n<< /Type /XRef /Size %d /Root 1 0 R /W [1 4 2] /Length %d >>\n" % (
            size,
            size + 1,
            len(table),
        )
        data += b"stream\n" + table + b"\nendstream\nendobj\n"
    data += b"startxref\n%d\n%%%%EOF\n" % xref
    return data
