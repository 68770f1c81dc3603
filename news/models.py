import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from cities.models import City
from core.models import AutoSlugModel, SlugHistoryModel, Topic
from core.richtext import RichTextField, plain_text
from core.searching import SearchableManager, SearchableModel
from core.translation import (
    TRANSLATED_LANGUAGES,
    TranslatableModel,
    TranslatableQuerySet,
    active_language,
    complete_q,
    state_field,
)
from core.uploads import CreditedImage
from core.urlwords import word
from core.versioning import VersionedModel
from core.workflow import WorkflowModel, WorkflowQuerySet
from partnership.models import CooperationArea, Partnership

# Path segments under /aktuelles/ that belong to lists, archives and feeds,
# by their German words; each language has its own (core.urlwords).
# Articles share that prefix, so their slugs must never take one of these;
# all-digit slugs are refused too, as they would shadow the year archives.
RESERVED_SLUGS = frozenset({"archiv", "bereich", "feed", "kategorie", "seite", "stadt", "suche"})


def is_allowed_slug(slug, language="de"):
    """Whether ``slug`` can name an article in ``language`` without hiding a section page."""
    reserved = {word(german, language) for german in RESERVED_SLUGS}
    return slug not in reserved and not slug.isdigit()


def validate_article_slug(slug):
    # The validator is shared by the slug's column in every language and
    # cannot tell which one it checks: a word reserved in any language is
    # refused in all.
    if not all(is_allowed_slug(slug, code) for code in settings.CONTENT_LANGUAGES):
        raise ValidationError(
            _(
                "„%(slug)s“ ist für Seiten der Website reserviert. Bitte wählen Sie einen "
                "anderen Kurznamen oder lassen Sie das Feld leer."
            ),
            params={"slug": slug},
            code="reserved_slug",
        )


class Category(Topic):
    class Meta(Topic.Meta):
        verbose_name = _("Kategorie")
        verbose_name_plural = _("Kategorien")

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})

    def is_live(self):
        """In use on a live (or scheduled) article: its name shows there."""
        return self.articles.live().exists()


class ArticleQuerySet(WorkflowQuerySet, TranslatableQuerySet):
    def published(self):
        """Released, due and not yet expired, and translated into the active language."""
        return self.current().filter(complete_q(active_language()))

    def about(self, partnership):
        """
        Tagged with ``partnership`` or with its partner city. Two subqueries
        rather than joins: joining both links needs a DISTINCT, for which
        PostgreSQL reads every linked article before it can take the newest.
        """
        links = self.model.partnerships.through.objects.filter(partnership=partnership)
        places = self.model.cities.through.objects.filter(city=partnership.partner_city_id)
        return self.filter(
            models.Q(pk__in=links.values("article")) | models.Q(pk__in=places.values("article"))
        )

    def archive_dates(self, kind, order="ASC"):
        """
        The years or months (``kind``) that hold an article here, as dates,
        like ``dates("publish_at", kind, order)``.

        ``dates()`` is a DISTINCT over every row and grows with the archive.
        On PostgreSQL, each period between the first and the last article is
        instead probed for one row on the publish_at index: a dozen index
        lookups however many articles there are. The periods are local
        (TIME_ZONE) years and months, as in ``dates()``.
        """
        if connections[self.db].vendor != "postgresql":
            return list(self.dates("publish_at", kind, order=order))
        try:
            rows_sql, rows_params = self.order_by().values("publish_at").query.sql_with_params()
        except EmptyResultSet:  # none(), or a filter that can match nothing
            return []
        step = {"year": "1 year", "month": "1 month"}[kind]
        direction = {"ASC": "ASC", "DESC": "DESC"}[order]
        local = timezone.get_current_timezone_name()
        # Only fixed words and the QuerySet's own compiled SQL are formatted in.
        sql = f"""
            SELECT period FROM generate_series(
                date_trunc(%s, (SELECT min(publish_at) FROM ({rows_sql}) AS r) AT TIME ZONE %s),
                (SELECT max(publish_at) FROM ({rows_sql}) AS r) AT TIME ZONE %s,
                interval '{step}'
            ) AS period
            WHERE EXISTS (
                SELECT 1 FROM ({rows_sql}) AS r
                WHERE r.publish_at >= period AT TIME ZONE %s
                AND r.publish_at < (period + interval '{step}') AT TIME ZONE %s
            )
            ORDER BY period {direction}
        """
        params = (kind, *rows_params, local, *rows_params, local, *rows_params, local, local)
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [period.date() for (period,) in cursor.fetchall()]


class Article(
    WorkflowModel,
    TranslatableModel,
    AutoSlugModel,
    CreditedImage,
    VersionedModel,
    SearchableModel,
    SlugHistoryModel,
):
    slug_source = "title"
    is_allowed_slug = staticmethod(is_allowed_slug)
    requires_complete_translation = True
    # How common a word is decides how search ranks its matches (core/search.py):
    # released articles count, scheduled and expired ones alike.
    counted_rows = models.Q(status=WorkflowModel.Status.PUBLISHED)

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname für die Adresse"),
        max_length=100,
        unique=True,
        blank=True,
        validators=[validate_article_slug],
        help_text=_(
            "Erscheint in der Adresse, z. B. /aktuelles/staedtepartnerschaft-der-wissensstaedte/. "
            "Bleibt das Feld leer, wird er aus dem Titel gebildet."
        ),
    )
    teaser = models.TextField(
        _("Anreißer"),
        max_length=500,
        blank=True,
        help_text=_(
            "Zwei, drei Sätze für Übersichten, vor „Weiterlesen“. Bleibt das Feld leer, "
            "wird der Anfang des Textes verwendet."
        ),
    )
    body = RichTextField(_("Text"))
    byline = models.CharField(
        _("Autorenzeile"),
        max_length=100,
        blank=True,
        help_text=_("Öffentlich sichtbar, z. B. „Presseamt“. Der Benutzername erscheint nie."),
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("Kategorien")
    )
    cities = models.ManyToManyField(
        City, blank=True, related_name="articles", verbose_name=_("Städte")
    )
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="articles", verbose_name=_("Partnerschaften")
    )
    cooperation_areas = models.ManyToManyField(
        CooperationArea, blank=True, related_name="articles", verbose_name=_("Kooperationsfelder")
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated = models.DateTimeField(_("geändert"), auto_now=True)

    objects = SearchableManager.from_queryset(ArticleQuerySet)()
    # history: registered in news/translation.py, after the translated fields.

    class Meta(WorkflowModel.Meta):
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ["-publish_at", "-pk"]
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Kann Beiträge veröffentlichen, planen und zurückziehen"))
        ]
        indexes = [
            models.Index(fields=["status", "-publish_at"], name="news_article_status_pub_idx"),
            # The same in each translated language, whose lists take only the
            # articles translated into it: the planner expects those to be
            # few and, without an index, reads the whole table to find them.
            *(
                models.Index(
                    fields=[state_field(code), "status", "-publish_at"],
                    name=f"news_article_{code}_pub_idx",
                )
                for code in TRANSLATED_LANGUAGES
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    # What the article's page links to, read by its template only where the
    # page's fragment is not stored: published cities and partnerships only.
    def public_cities(self):
        return self.cities.published().for_display()

    def public_partnerships(self):
        return self.partnerships.published().select_related("partner_city").for_display()

    def search_texts(self):
        return {"A": self.title, "B": self.teaser, "C": plain_text(self.body)}

    @property
    def lead(self):
        """The teaser, or the opening of the body when staff left it blank."""
        if self.teaser:
            return self.teaser
        return Truncator(plain_text(self.body)).words(40)


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), token_hash__isnull=False
        )

    def create_with_token(self, **fields):
        """A new link and its token; the token is not stored, so show it now or never."""
        link = self.model(**fields)
        token = link.new_token()
        link.save(force_insert=True)
        return link, token

    def for_token(self, token):
        """The active link this token opens, or None."""
        digest = PreviewLink.hash_token(token)
        link = self.active().filter(token_hash=digest).select_related("article").first()
        # The lookup is by a hash, which tells a guesser nothing; the final
        # comparison is constant-time all the same.
        if link is None or not hmac.compare_digest(link.token_hash, digest):
            return None
        return link


def default_preview_expiry():
    return timezone.now() + timedelta(days=settings.PREVIEW_LINK_DAYS)


class PreviewLink(models.Model):
    """
    A link that shows one unpublished article to people without an account,
    e.g. the mayor's office, until it expires or staff revoke it.

    The link carries a random token; only its SHA-256 is stored, so neither
    the database nor the key material of the installation yields a working
    link. Links of the old form (a signed primary key) have no hash and
    open nothing.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("Beitrag")
    )
    note = models.CharField(
        _("Für wen"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Büro des Oberbürgermeisters“"),
    )
    # NULL, not "", for links of the old form: many of them, none unique.
    token_hash = models.CharField(  # noqa: DJ001
        _("Prüfwert des Links"), max_length=64, unique=True, null=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"), default=default_preview_expiry)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vorschaulink")
        verbose_name_plural = _("Vorschaulinks")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.article} ({self.note or f'{timezone.localtime(self.created):%d.%m.%Y}'})"

    @staticmethod
    def hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def new_token(self):
        token = secrets.token_urlsafe(32)
        self.token_hash = self.hash_token(token)
        return token

    def url(self, token):
        return reverse("news:shared-preview", kwargs={"slug": self.article.slug, "token": token})

    @property
    def is_old_form(self):
        return self.token_hash is None

    def is_active(self):
        return (
            not self.is_old_form and self.revoked_at is None and self.expires_at > timezone.now()
        )

    def state(self):
        """In words for staff: valid until when, revoked, expired."""
        if self.revoked_at is not None:
            return _("widerrufen am %(date)s") % {
                "date": timezone.localtime(self.revoked_at).strftime("%d.%m.%Y %H:%M")
            }
        if self.is_old_form:
            return _("abgelaufen (alte Form)")
        if self.expires_at <= timezone.now():
            return _("abgelaufen")
        return _("gültig bis %(date)s") % {
            "date": timezone.localtime(self.expires_at).strftime("%d.%m.%Y %H:%M")
        }

    state.short_description = _("Zustand")


class ImportedPost(models.Model):
    """Where an article came from in a WordPress export, so imports can run again."""

    # A post is known by its ID within its site: real exports repeat GUIDs.
    site = models.CharField(_("WordPress-Website"), max_length=500, blank=True)
    wordpress_id = models.PositiveBigIntegerField(_("WordPress-ID"))
    guid = models.CharField(_("WordPress-GUID"), max_length=500)
    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="wordpress_origin",
        verbose_name=_("Beitrag"),
    )
    # The article's version right after the import: a higher one means staff
    # have edited it since, and a new import leaves it alone.
    imported_version = models.PositiveIntegerField()
    # Unchanged posts are skipped on a re-run.
    content_hash = models.CharField(max_length=64)
    imported = models.DateTimeField(_("importiert"), auto_now=True)

    class Meta:
        verbose_name = _("importierter WordPress-Beitrag")
        verbose_name_plural = _("importierte WordPress-Beiträge")
        constraints = [
            # Records of imports before the site was kept have none; they are
            # found by GUID until their next import names their site, and
            # two such blogs may well share an ID.
            models.UniqueConstraint(
                fields=["site", "wordpress_id"],
                condition=~models.Q(site=""),
                name="news_importedpost_site_wordpress_id",
            )
        ]

    def __str__(self):
        return f"WordPress #{self.wordpress_id}"

    def edited_since_import(self):
        return self.article.version != self.imported_version


class LegacyRedirect(models.Model):
    """An old address, such as a WordPress permalink, answered with a 301."""

    old_path = models.CharField(
        _("alte Adresse"),
        max_length=500,
        unique=True,
        help_text=_("Pfad, bei Bedarf mit Parameter, z. B. /2019/12/03/titel/ oder /?p=123"),
    )
    new_path = models.CharField(_("neue Adresse"), max_length=500)

    class Meta:
        verbose_name = _("Weiterleitung")
        verbose_name_plural = _("Weiterleitungen")
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
