"""
Developer tooling, not for a live site: fills a database meant only for
``make bench`` with the demo content, years of generated articles and a
thousand categories. It writes into whatever DATABASE_URL names, so the
Makefile points it at a database of its own.
"""

import random
from datetime import timedelta
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from cities.models import City
from core.renditions import make_renditions
from core.searching import collect_search_terms, count_search_terms, counted_tables
from core.translation import State, state_field
from news.models import Article, Category
from partnership.site.demo import IMAGE_SIZE, draw_picture

WORDS = [
    "Partnerschaft", "Begegnung", "Austausch", "Delegation", "Schule", "Jugend", "Kultur",
    "Wissenschaft", "Forschung", "Universität", "Verwaltung", "Stadtentwicklung",
    "Digitalisierung", "Sport", "Musik", "Theater", "Besuch", "Verein", "Freundschaft",
    "Projekt", "Hilfe", "Zusammenarbeit", "Bürgerinnen", "Bürger", "Rathaus", "Festival",
]  # fmt: skip


# For the Japanese translations of the newest articles, which make bench measures under /ja/.
JAPANESE_WORDS = [
    "姉妹都市", "交流", "訪問団", "学校", "青少年", "文化", "科学", "研究", "大学", "市役所",
    "音楽", "演劇", "祭り", "協力", "友好", "市民", "スポーツ", "展示会", "記念式典", "代表団",
]  # fmt: skip
JAPANESE_ARTICLES = 20


SYLLABLES = [
    "ber", "gen", "stadt", "wald", "hof", "feld", "burg", "tal", "mann", "schaft", "ung",
    "kraft", "werk", "haus", "bahn", "markt", "land", "see", "berg", "bach", "dorf", "heim",
    "rat", "zug", "licht", "wort", "bild", "spiel", "ton", "kunst",
]  # fmt: skip


def lexicon(rng, size=20_000):
    """Made-up compound words, so the search vocabulary is as large as a real archive's."""
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize())
    return sorted(words)


def sentence(rng, length, rare=()):
    """Common words, and two of the ``rare`` ones when given."""
    words = [rng.choice(WORDS) for _ in range(length)]
    if rare:
        words += rng.sample(rare, 2)
    return " ".join(words).capitalize() + "."


class Command(BaseCommand):
    help = (
        "Erzeugt einen großen Datenbestand für Messungen (make bench): Demo-Inhalte, "
        "--articles Beiträge über zehn Jahre, die sich etwa 20 Bilder teilen, und 1.000 "
        "Kategorien. Nur für eine eigene Messdatenbank gedacht."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2019)

    def handle(self, *args, articles, seed, **options):
        rng = random.Random(seed)
        rare = lexicon(rng)
        call_command("load_demo", stdout=StringIO())
        images = []
        for n in range(20):
            name = default_storage.save(
                f"news/article/bench-{n}.jpg", ContentFile(draw_picture(f"Bild {n}", f"bench-{n}"))
            )
            widths = make_renditions(default_storage, name)
            images.append({"name": name, "widths": widths})
        categories = [
            Category.objects.get_or_create(name=f"Thema {n:04d}", slug=f"thema-{n:04d}")[0]
            for n in range(1_000)
        ]
        cities = list(City.objects.partners())
        now = timezone.now()
        start = Article.objects.count()
        with transaction.atomic():
            for first in range(0, articles, 1_000):
                batch = [
                    self.article(rng, start + n, now, images, rare)
                    for n in range(first, min(first + 1_000, articles))
                ]
                created = Article.objects.bulk_create(batch)
                Article.categories.through.objects.bulk_create(
                    Article.categories.through(article=a, category=rng.choice(categories[:20]))
                    for a in created
                )
                Article.cities.through.objects.bulk_create(
                    Article.cities.through(article=a, city=rng.choice(cities)) for a in created
                )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # One statement instead of a save() per row.
                cursor.execute(
                    "UPDATE news_article SET search_vector = "
                    "setweight(to_tsvector('german', title), 'A') || "
                    "setweight(to_tsvector('german', teaser), 'B') || "
                    "setweight(to_tsvector('german', "
                    "regexp_replace(body, '<[^>]+>', ' ', 'g')), 'C') "
                    "WHERE search_vector IS NULL"
                )
            collect_search_terms(connection, Article._meta.db_table)
            count_search_terms(connection, counted_tables())
            with connection.cursor() as cursor:
                # As autovacuum would leave it: statistics fresh and the GIN
                # index's pending list merged, which bulk writes fill.
                cursor.execute("VACUUM ANALYZE")
        self.translate_newest(rng)
        self.stdout.write(f"{articles} Beiträge erzeugt; insgesamt {Article.objects.count()}.")

    @staticmethod
    def translate_newest(rng):
        """Complete Japanese translations of the newest articles, saved as the admin saves them."""
        newest = Article.objects.published().order_by("-publish_at")[:JAPANESE_ARTICLES]
        for article in newest:
            if getattr(article, state_field("ja")) == State.COMPLETE:
                continue
            words = [rng.sample(JAPANESE_WORDS, 4) for _ in range(8)]
            article.title_ja = f"{'・'.join(words[0][:3])} {article.pk}"
            article.teaser_ja = "、".join(words[1]) + "。"
            article.body_ja = "".join(f"<p>{'、'.join(part)}。</p>" for part in words[2:])
            article.image_alt_ja = "街並みのシルエットのイラスト"
            # Made from the Japanese title on save, as for a translation typed in the admin.
            article.slug_ja = None
            setattr(article, state_field("ja"), State.COMPLETE)
            article.save()

    @staticmethod
    def article(rng, number, now, images, rare):
        image = rng.choice(images)
        body = "".join(f"<p>{sentence(rng, rng.randint(12, 40), rare)}</p>" for _ in range(6))
        return Article(
            title=f"{sentence(rng, 5)[:-1]} {number}",
            slug=f"messbeitrag-{number}",
            teaser=sentence(rng, 25),
            body=body,
            byline="Presseamt",
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=rng.randint(60, 10 * 365 * 24 * 60)),
            image=image["name"],
            image_renditions=image,
            image_width=IMAGE_SIZE[0],
            image_height=IMAGE_SIZE[1],
            image_alt="Gezeichnete Stadtsilhouette",
            image_credit="Grafik: Messdaten",
            version=1,
        )
