"""
The demo loader: puts the content of demo_data.py into the database, with
pictures drawn on the spot, and the translations of demo_translations.py.

Only what is missing is created or translated; existing rows and texts are
never changed, so staff edits survive and a second run changes nothing.
Every object it creates through ``_get_or_create`` is recorded as demo
content (DemoObject): while one of them exists, every page says that the site
is a demo and the deployment check fails.
"""

import colorsys
import hashlib
import random
from datetime import timedelta
from io import BytesIO

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from cities.models import City
from core.translation import (
    State,
    TranslatableModel,
    basis_field,
    basis_hash_field,
    fingerprint,
    state_field,
    translated_fields,
)
from news.models import Article, Category
from partnership.models import (
    Agreement,
    Contact,
    CooperationArea,
    InstitutionalTie,
    Partnership,
    Project,
    StatusChange,
)
from partnership.participation.models import SignUp, SignUpCount

from . import demo_data
from .demo_translations import TRANSLATIONS
from .models import DemoObject, LegalPage, Page, SiteSettings

IMAGE_SIZE = (1200, 675)
IMAGE_CREDIT = "Grafik: Demo-Inhalt, automatisch erzeugt"
IMAGE_LICENCE = "CC0 1.0"


def draw_picture(title, seed):
    """A calm skyline in the colours of ``seed``, with ``title`` written on it (JPEG bytes)."""
    digest = hashlib.sha256(seed.encode()).digest()
    rng = random.Random(digest)
    hue = digest[0] / 255
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        red, green, blue = colorsys.hls_to_rgb(hue, 0.78 - 0.35 * y / height, 0.45)
        draw.line([(0, y), (width, y)], fill=(int(red * 255), int(green * 255), int(blue * 255)))
    skyline = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.2, 0.3))
    x = 0
    while x < width:
        building = rng.randint(40, 120)
        top = rng.randint(int(height * 0.45), int(height * 0.8))
        draw.rectangle([x, top, x + building, height], fill=skyline)
        x += building + rng.randint(0, 12)
    font = ImageFont.load_default(size=88)
    draw.text((60, 60), title, fill=(255, 255, 255), font=font)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def draw_scan(title):
    """A page as a scanner delivers it: a picture of text, no tags (PDF bytes)."""
    page = Image.new("L", (595, 842), 248)
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), title, fill=30, font=ImageFont.load_default(size=18))
    for line in range(30):
        y = 120 + line * 22
        draw.line([(60, y), (535 - (line % 4) * 40, y)], fill=120, width=3)
    buffer = BytesIO()
    page.save(buffer, format="PDF", resolution=72)
    return buffer.getvalue()


def draw_emblem():
    """A plain shield with a wave, drawn here: no city's coat of arms (PNG bytes)."""
    size = 256
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    blue, white = (11, 94, 168, 255), (255, 255, 255, 255)
    shield = [(32, 16), (224, 16), (224, 136), (128, 240), (32, 136)]
    draw.polygon(shield, fill=blue)
    draw.rounded_rectangle([32, 16, 224, 140], radius=18, fill=blue)
    for top in (70, 112):
        draw.arc([52, top - 24, 128, top + 24], 180, 360, fill=white, width=12)
        draw.arc([128, top - 24, 204, top + 24], 0, 180, fill=white, width=12)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _attach_picture(obj, title, seed):
    obj.image.save(f"{seed}.jpg", ContentFile(draw_picture(title, seed)), save=False)
    obj.image_alt = f"Gezeichnete Stadtsilhouette mit dem Schriftzug „{title}“"
    obj.image_credit = IMAGE_CREDIT
    obj.image_licence = IMAGE_LICENCE


# How a key of demo_translations.py finds its object; otherwise by German slug.
TRANSLATION_KEYS = {
    "site.legalpage": lambda kind: {"kind": kind},
    "site.sitesettings": lambda key: {},
    "partnership.statuschange": lambda key: {"partnership__slug_de": key[0], "date": key[1]},
    "partnership.agreement": lambda key: {"partnership__slug_de": key[0], "title_de": key[1]},
    "partnership.project": lambda key: {"partnership__slug_de": key[0], "title_de": key[1]},
    "partnership.contact": lambda name: {"name": name},
}


class DemoLoader:
    def __init__(self, log=lambda message: None, translations=TRANSLATIONS):
        self.log = log
        self.translations = translations
        self.created = 0

    def _get_or_create(self, model, lookup, defaults, build=None, record=True):
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            return obj, False
        obj = model(**lookup, **defaults)
        if build:
            build(obj)
        obj.full_clean()
        obj.save()
        if record:
            DemoObject.objects.record(obj)
        self.created += 1
        self.log(f"{model._meta.verbose_name} angelegt: {obj}")
        return obj, True

    @transaction.atomic
    def load(self):
        cities = {item["slug"]: self._city(item) for item in demo_data.CITIES}
        areas = {
            name: self._get_or_create(CooperationArea, {"name": name}, {"description": text})[0]
            for name, text in demo_data.COOPERATION_AREAS
        }
        contacts = {item["name"]: self._contact(item, cities) for item in demo_data.CONTACTS}
        partnerships = {
            item["partner"]: self._partnership(item, cities, areas, contacts)
            for item in demo_data.partnerships()
        }
        for item in demo_data.projects():
            self._project(item, partnerships, areas, contacts)
        for item in demo_data.articles():
            self._article(item, cities, partnerships, areas)
        # The city fills in the legal pages and the site settings rather than
        # deleting them: the deployment check judges them by their values,
        # not as demo objects.
        for item in demo_data.PAGES:
            fields = {key: value for key, value in item.items() if key != "kind"}
            self._get_or_create(
                LegalPage, {"kind": item["kind"]}, {**fields, "published": True}, record=False
            )
        self._get_or_create(
            SiteSettings, {}, demo_data.SITE_SETTINGS, build=self._emblem, record=False
        )
        for item in demo_data.FREE_PAGES:
            self._page(item)
        self._translate()
        return self.created

    def _translate(self):
        """
        Fill the empty fields of each translation and mark it complete. The
        first article translated into English is left outdated, as if its
        German teaser had been written after the translation, so that staff
        see how an outdated translation looks.
        """
        outdated_example = True
        for language, objects in self.translations.items():
            for (label, key), texts in sorted(objects.items(), key=lambda item: str(item[0])):
                model = apps.get_model(label)
                if not translated_fields(model):
                    continue  # names of institutions, kept as they are
                label = model._meta.label_lower
                lookup = TRANSLATION_KEYS.get(label, lambda slug: {"slug_de": slug})(key)
                obj = model.objects.filter(**lookup).first()
                if obj is None:
                    self.log(f"Übersetzung ohne Inhalt übersprungen: {label} {key}")
                    continue
                if not self._translate_object(obj, language, texts):
                    continue
                if outdated_example and label == "news.article" and language == "en":
                    self._outdate(obj, language, "teaser")
                    outdated_example = False

    def _translate_object(self, obj, language, texts):
        """Fill what is empty in ``language``; whether anything was translated now."""
        # Texts of fields the models keep in German only (names of places
        # and institutions, picture credits) are left out.
        translated = translated_fields(type(obj))
        empty = {
            field: text
            for field, text in texts.items()
            if field in translated and not getattr(obj, f"{field}_{language}")
        }
        if not empty:
            return False
        for field, text in empty.items():
            setattr(obj, f"{field}_{language}", text)
        if "slug" in translated_fields(type(obj)) and "slug" not in texts:
            # Made from the translated name or title, not the German one.
            setattr(obj, f"slug_{language}", None)
        if isinstance(obj, TranslatableModel):
            setattr(obj, state_field(language), State.COMPLETE)
        obj.save()
        self.created += 1
        self.log(f"Übersetzung ({language}) angelegt: {obj}")
        return True

    @staticmethod
    def _outdate(obj, language, field):
        basis = {**getattr(obj, basis_field(language)), field: ""}
        setattr(obj, basis_field(language), basis)
        setattr(obj, basis_hash_field(language), fingerprint(basis))
        obj.source_changed = timezone.now()
        obj.save()

    def _page(self, item):
        fields = {key: value for key, value in item.items() if key not in ("slug", "parent")}
        parent = Page.objects.get(slug_de=item["parent"]) if "parent" in item else None
        return self._get_or_create(
            Page,
            {"slug_de": item["slug"]},
            {**fields, "parent": parent, "status": Page.Status.PUBLISHED},
        )[0]

    @staticmethod
    def _emblem(site_settings):
        site_settings.emblem.save("wappen.png", ContentFile(draw_emblem()), save=False)

    def _city(self, item):
        fields = {key: value for key, value in item.items() if key != "slug"}
        fields["published"] = True

        def build(city):
            _attach_picture(city, city.name, f"city-{city.slug}")

        return self._get_or_create(City, {"slug": item["slug"]}, fields, build)[0]

    def _contact(self, item, cities):
        fields = {key: value for key, value in item.items() if key not in {"name", "cities"}}
        contact, created = self._get_or_create(Contact, {"name": item["name"]}, fields)
        if created:
            contact.cities.set(cities[slug] for slug in item["cities"])
        return contact

    def _partnership(self, item, cities, areas, contacts):
        fields = {
            key: value
            for key, value in item.items()
            if key not in {"partner", "history", "ties", "agreement", "association"}
        }
        fields.update(
            home_city=cities["bochum"],
            association=contacts.get(item.get("association")),
            published=True,
        )
        partnership, created = self._get_or_create(
            Partnership, {"partner_city": cities[item["partner"]]}, fields
        )
        if created:
            for (day, precision), status, note in item["history"]:
                StatusChange.objects.create(
                    partnership=partnership,
                    date=day,
                    date_precision=precision,
                    status=status,
                    note=note,
                )
            for home, partner, since, text in item.get("ties", []):
                InstitutionalTie.objects.create(
                    partnership=partnership,
                    home_institution=home,
                    partner_institution=partner,
                    since_year=since,
                    description=text,
                )
            if "agreement" in item:
                fields = dict(item["agreement"])
                scanned = fields.pop("scanned", False)
                agreement = Agreement(partnership=partnership, **fields)
                if scanned:
                    agreement.document.save(
                        "vereinbarung.pdf", ContentFile(draw_scan(agreement.title)), save=False
                    )
                    agreement.document_tagged = False
                agreement.save()
                agreement.cooperation_areas.set(areas.values())
        return partnership

    def _project(self, item, partnerships, areas, contacts):
        relations = {"partner", "area", "contact", "signups", "signup_count", "image_of"}
        fields = {key: value for key, value in item.items() if key not in relations}
        fields.update(
            partnership=partnerships[item["partner"]],
            cooperation_area=areas.get(item.get("area")),
            contact=contacts.get(item.get("contact")),
            published=True,
        )
        title = fields.pop("title")

        def build(project):
            if "image_of" in item:
                city = partnerships[item["image_of"]].partner_city
                _attach_picture(project, city.name, f"event-{item['image_of']}")

        project, created = self._get_or_create(Project, {"title": title}, fields, build)
        if created:
            self._signups(project, item.get("signups", []))
            if "signup_count" in item:
                count = SignUpCount.objects.create(
                    event=project, purged_at=timezone.now(), **item["signup_count"]
                )
                DemoObject.objects.record(count)
                self.created += 1

    def _signups(self, event, signups):
        """Confirmed sign-ups, a quarter of an hour apart, the last one an hour ago."""
        now = timezone.now()
        for number, fields in enumerate(signups):
            came_in = now - timedelta(hours=1, minutes=15 * (len(signups) - number))
            signup = SignUp(
                event=event,
                state=SignUp.State.CONFIRMED,
                created_at=came_in,
                confirmed_at=came_in + timedelta(minutes=5),
                **fields,
            )
            # The key of the links is thrown away: the demo sends no e-mail.
            signup.new_key()
            signup.full_clean()
            signup.save()
            DemoObject.objects.record(signup)
            self.created += 1
            self.log(f"{SignUp._meta.verbose_name} angelegt: {signup}")

    def _article(self, item, cities, partnerships, areas):
        relations = {
            key: item.get(key, []) for key in ("categories", "cities", "partnerships", "areas")
        }
        fields = {
            key: value
            for key, value in item.items()
            if key not in relations and key not in {"slug", "image_of"}
        }

        def build(article):
            if "image_of" in item:
                _attach_picture(article, cities[item["image_of"]].name, f"article-{article.slug}")

        article, created = self._get_or_create(Article, {"slug": item["slug"]}, fields, build)
        if created:
            article.categories.set(
                self._get_or_create(Category, {"name": name}, {})[0]
                for name in relations["categories"]
            )
            article.cities.set(cities[slug] for slug in relations["cities"])
            article.partnerships.set(partnerships[slug] for slug in relations["partnerships"])
            article.cooperation_areas.set(areas[name] for name in relations["areas"])
