"""
What a partnership has done, derived from what the site already holds.

Nothing here is typed twice: projects and exchanges, delegation visits and
aid deliveries are the partnership's projects by their kind; agreements,
status changes and news are what staff keep anyway. ``records()`` reads
them for any number of partnerships in a fixed number of queries, so the
dashboard and the partnership page cost the same with ten projects as with
ten thousand.

A project counts on the day it began, once, whatever its length; a
cancelled event never counts. What has not begun yet is planned.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections, models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import dates
from core.choices import choice_label
from core.dates import DatePrecision
from core.translation import localized_fields
from news.models import Article
from partnership.models import Agreement, Project, StatusChange
from partnership.participation.models import SignUp


class Kind(models.TextChoices):
    EXCHANGE = "austausch", _("Austausch und Projekte")
    DELEGATION = "delegation", _("Delegationsbesuche")
    AID = "hilfe", _("Hilfslieferungen")
    AGREEMENT = "vereinbarung", _("Vereinbarungen")
    STATUS = "status", _("Statusänderungen")
    NEWS = "nachricht", _("Nachrichten")


# Where people of both cities meet: what "Begegnung" means in the flags and
# the facts line. An aid delivery is help, not a meeting.
ENCOUNTERS = (Kind.EXCHANGE, Kind.DELEGATION)
PROJECT_KINDS = (Kind.EXCHANGE, Kind.DELEGATION, Kind.AID)


def project_kind(project):
    if project.kind == Project.Kind.DELEGATION:
        return Kind.DELEGATION
    if project.kind == Project.Kind.AID:
        return Kind.AID
    return Kind.EXCHANGE


def months_before(day, months):
    """The same day ``months`` earlier; the month's last day where it is shorter."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


@dataclass(frozen=True)
class Activity:
    """One thing that happened (or is planned) in a partnership."""

    kind: Kind
    date: datetime.date
    title: str
    # The project, agreement, status change or article behind it.
    item: models.Model
    precision: str = DatePrecision.DAY
    end_date: datetime.date | None = None
    participants_home: int | None = None
    participants_partner: int | None = None

    @property
    def participants(self):
        """People taking part from both sides, as far as recorded; None where nothing is."""
        known = [n for n in (self.participants_home, self.participants_partner) if n is not None]
        return sum(known) if known else None

    def date_display(self):
        return dates.display(self.date, self.precision)

    def date_machine(self):
        return dates.machine(self.date, self.precision)

    def is_project(self):
        return self.kind in PROJECT_KINDS


@dataclass
class Record:
    """One partnership's activities and what the barometer asks of them."""

    partnership: models.Model
    today: datetime.date
    # Newest first; planned holds what has not begun yet, soonest first.
    held: list = field(default_factory=list)
    planned: list = field(default_factory=list)

    def since(self, months):
        return months_before(self.today, months)

    def select(self, kinds=None, since=None, until=None):
        """Held activities of ``kinds`` from ``since`` to ``until`` (both days included)."""
        return [
            activity
            for activity in self.held
            if (kinds is None or activity.kind in kinds)
            and (since is None or activity.date >= since)
            and (until is None or activity.date <= until)
        ]

    def count(self, kinds=None, since=None, until=None):
        return len(self.select(kinds, since, until))

    def participants(self, kinds=PROJECT_KINDS, since=None, until=None):
        """People recorded as taking part; projects without a figure add nothing."""
        return sum(a.participants or 0 for a in self.select(kinds, since, until))

    def last(self, kinds=ENCOUNTERS):
        return next(iter(self.select(kinds)), None)

    def next_planned(self, kinds=PROJECT_KINDS):
        return next((a for a in self.planned if a.kind in kinds), None)

    def per_year(self, years, kinds=ENCOUNTERS):
        """(year, count) for each of ``years``: the trend charts' data."""
        counts = defaultdict(int)
        for activity in self.select(kinds):
            counts[activity.date.year] += 1
        return [(year, counts[year]) for year in years]

    def in_year(self, year, kinds=None):
        return self.select(
            kinds, since=datetime.date(year, 1, 1), until=datetime.date(year, 12, 31)
        )

    def agreements(self):
        """The partnership's agreements, signed or to be signed."""
        return [a.item for a in self.held + self.planned if a.kind == Kind.AGREEMENT]


def records(partnerships, *, public, today=None):
    """
    A Record per partnership, in the order given. ``public`` leaves out
    projects not marked published, for pages readers see; staff count
    them all. News count only once published, for everyone: a draft is
    not news. Six queries at most, however many partnerships and items.
    """
    today = today or timezone.localdate()
    partnerships = list(partnerships)
    by_id = {p.pk: Record(p, today) for p in partnerships}
    for partnership_id, activity in _activities(partnerships, public):
        _file(by_id[partnership_id], activity)
    for record in by_id.values():
        _sort(record)
    return list(by_id.values())


def record(partnership, *, public, today=None):
    return records([partnership], public=public, today=today)[0]


def public_record(partnership, today=None, news=None):
    """
    What ``record(partnership, public=True)`` gives, for a partnership
    fetched with ``Partnership.objects.with_details()``: its page has
    already read the status history, agreements and released projects, so
    only its news cost a query. Participants are as staff typed them, not
    counted from sign-ups: the chronicle shows none. With ``news``, only
    that many of the newest news items are in it.
    """
    record = Record(partnership, today or timezone.localdate())
    # The page prefetches only released projects; a partnership read without
    # that prefetch has them all, so the flag is checked here too.
    projects = [p for p in partnership.projects.all() if p.published and not _is_cancelled(p)]
    for activity in [
        *map(_project_activity, projects),
        *map(_agreement_activity, partnership.agreements.all()),
        *map(_status_activity, partnership.status_changes.all()),
        *map(_article_activity, articles_about(partnership, news)),
    ]:
        _file(record, activity)
    _sort(record)
    return record


def _file(record, activity):
    if activity.date <= record.today:
        record.held.append(activity)
    else:
        record.planned.append(activity)


def _sort(record):
    record.held.sort(key=lambda a: (a.date, a.item.pk), reverse=True)
    record.planned.sort(key=lambda a: (a.date, a.item.pk))


def _activities(partnerships, public):
    ids = [p.pk for p in partnerships]
    yield from _projects(ids, public)
    yield from _agreements(ids)
    yield from _status_changes(ids)
    yield from _news(partnerships)


def _projects(ids, public):
    projects = Project.objects.filter(partnership__in=ids).exclude(
        is_event=True, event_status=Project.EventStatus.CANCELLED
    )
    if public:
        projects = projects.released()
    projects = _with_people_signed_up(projects)
    for project in projects.defer(*_columns(Project, "description")).order_by():
        yield project.partnership_id, _project_activity(project)


def _with_people_signed_up(projects):
    """
    Each project's people with a confirmed place through the site's sign-up
    (``people_signed_up``), from the sign-ups or, once their personal data
    is deleted, from the count kept of them; None without sign-ups.
    """
    confirmed = (
        SignUp.objects.filter(event=OuterRef("pk"))
        .confirmed()
        .order_by()
        .values("event")
        .annotate(people=Sum("party_size"))
        .values("people")
    )
    return projects.annotate(
        people_signed_up=Coalesce(
            "signup_count__people", Subquery(confirmed), output_field=models.IntegerField()
        )
    )


def _is_cancelled(project):
    """As _projects() excludes it, for projects already read."""
    return project.is_event and project.event_status == Project.EventStatus.CANCELLED


def _project_activity(project):
    home = project.participants_home
    if home is None and project.start_date <= timezone.localdate():
        # Not typed twice: who took a place through the site's sign-up took part.
        home = getattr(project, "people_signed_up", None)
    return Activity(
        kind=project_kind(project),
        date=project.start_date,
        end_date=project.end_date,
        title=project.title,
        item=project,
        participants_home=home,
        participants_partner=project.participants_partner,
    )


def _agreements(ids):
    agreements = Agreement.objects.filter(partnership__in=ids)
    for agreement in agreements.defer(*_columns(Agreement, "full_text")).order_by():
        yield agreement.partnership_id, _agreement_activity(agreement)


def _agreement_activity(agreement):
    return Activity(
        kind=Kind.AGREEMENT, date=agreement.signed_on, title=agreement.title, item=agreement
    )


def _status_changes(ids):
    for change in StatusChange.objects.filter(partnership__in=ids).order_by():
        yield change.partnership_id, _status_activity(change)


def _status_activity(change):
    return Activity(
        kind=Kind.STATUS,
        date=change.date,
        precision=change.date_precision,
        title=change.note or choice_label(change, "status"),
        item=change,
    )


def _news(partnerships):
    """Published news tagged with a partnership or its partner city, as its page lists them."""
    ids = [p.pk for p in partnerships]
    by_city = defaultdict(list)
    for partnership in partnerships:
        by_city[partnership.partner_city_id].append(partnership.pk)
    articles = (
        Article.objects.published()
        .filter(Q(partnerships__in=ids) | Q(cities__in=list(by_city)))
        .distinct()
        .defer(*_columns(Article, "body"))
        .order_by()
    )
    articles = {article.pk: article for article in articles}
    links = set(
        Article.partnerships.through.objects.filter(
            article__in=list(articles), partnership__in=ids
        ).values_list("article_id", "partnership_id")
    )
    links |= {
        (article_id, partnership_id)
        for article_id, city_id in Article.cities.through.objects.filter(
            article__in=list(articles), city__in=list(by_city)
        ).values_list("article_id", "city_id")
        for partnership_id in by_city[city_id]
    }
    for article_id, partnership_id in sorted(links):
        yield partnership_id, _article_activity(articles[article_id])


def articles_about(partnership, limit=None):
    """
    _news() of one partnership in one query, the newest ``limit`` of them:
    each article found is about it. The chronicle links each by its date and
    title: only those columns are read (the title and the slug in every
    language).
    """
    articles = Article.objects.published().only("publish_at", "title", "slug")
    newest = ("-publish_at", "-pk")
    if limit is None:
        return articles.about(partnership).order_by()
    if not connections[articles.db].features.supports_slicing_ordering_in_compound:
        return articles.about(partnership).order_by(*newest)[:limit]
    # The newest of each link apart, then the newest of both: asked for
    # either link at once, PostgreSQL gathers every link to a partner city
    # written about for years before it takes the newest.
    links = [
        articles.filter(partnerships=partnership),
        articles.filter(cities=partnership.partner_city_id),
    ]
    first, second = (linked.order_by(*newest)[:limit] for linked in links)
    return first.union(second).order_by(*newest)[:limit]


def _article_activity(article):
    return Activity(
        kind=Kind.NEWS,
        date=timezone.localdate(article.publish_at),
        title=article.title,
        item=article,
    )


def _columns(model, name):
    """The columns of field ``name`` in every language, to leave long texts unread."""
    return [column for _language, column in localized_fields(model, name)]
