"""
E-mail notifications of the editorial workflow, for any content model.

Whatever changes the state of a piece of content calls one of these, inside
the transaction of that change; the mails go through the outbox
(core/outbox.py), so they leave only if the change is committed:

- ``submitted(obj, by=…)``: it waits for review. Every active staff member
  who may publish it hears of it, except ``by``.
- ``published(obj, author=…, by=…, when=…)``: the author learns that it is
  public, or from when (``when`` in the future).
- ``sent_back(obj, author=…, by=…, comment=…)``: the author gets the lead's
  comment.
- ``sensitive_change(obj, by=…, changes=…)``: one of the model's
  ``sensitive_fields`` (a bank account) changed. Every lead hears of it,
  ``by`` included.

``obj`` is a model instance registered in the admin. Who may publish it is
the ``publish_permission`` of its ModelAdmin (core.editorial); pass
``permission="app.codename"`` where that does not apply. The mail links the
object's admin change page, or ``url`` (a path on this site) where the work
happens elsewhere, such as a review page; ``change=True`` says that the mail
is about a proposed change to live content. Nobody is mailed about their own
action, and nobody who switched the mails off under "Benachrichtigungen"
(NotificationSetting) or whose account has no e-mail address; only the
warning about a sensitive change reaches every lead with an address, the
actor and those who switched the mails off included.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import outbox

PERMISSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def submitted(obj, *, by, permission=None, url=None, change=False):
    """Tells the leads that ``obj``, or a ``change`` to it when live, waits for review."""
    leads = _leads(permission or publish_permission(obj))
    _notify(
        "submitted",
        leads.exclude(pk=by.pk),
        obj,
        by=by,
        url=url,
        subject=(
            _("Änderung zur Prüfung: %(kind)s „%(title)s“")
            if change
            else _("Zur Prüfung: %(kind)s „%(title)s“")
        ),
        change=change,
    )


def published(obj, *, author, by, when=None, url=None, change=False):
    """Tells the author that ``obj``, or their ``change`` to it, is public or when it will be."""
    scheduled = when is not None and when > timezone.now()
    _notify(
        "published",
        _author(author, by),
        obj,
        by=by,
        url=url,
        subject=(
            _("Veröffentlichung geplant: %(kind)s „%(title)s“")
            if scheduled
            else _("Änderung veröffentlicht: %(kind)s „%(title)s“")
            if change
            else _("Veröffentlicht: %(kind)s „%(title)s“")
        ),
        when=when if scheduled else None,
        change=change,
    )


def sent_back(obj, *, author, by, comment, url=None, change=False):
    """Gives the author the lead's comment on ``obj``, or on their ``change`` to it."""
    _notify(
        "sent_back",
        _author(author, by),
        obj,
        by=by,
        url=url,
        subject=(
            _("Änderung zurück an die Redaktion: %(kind)s „%(title)s“")
            if change
            else _("Zurück an die Redaktion: %(kind)s „%(title)s“")
        ),
        comment=comment,
        change=change,
    )


def sensitive_change(obj, *, by, changes, permission=None):
    """Tells every lead, ``by`` too, what ``changes`` (``FieldChange`` rows) made to ``obj``."""
    # A warning, not workflow news: the one who saved and those who switched
    # the mails off hear of it too, so a misused account is noticed.
    _notify(
        "sensitive_change",
        _leads(permission or publish_permission(obj)),
        obj,
        by=by,
        url=None,
        subject=_("Bitte prüfen: Bankverbindung geändert – %(kind)s „%(title)s“"),
        changes=changes,
        warning=True,
    )


def publish_permission(obj):
    """The permission that allows publishing ``obj``, from its ModelAdmin."""
    model_admin = admin.site.get_model_admin(type(obj))
    permission = getattr(model_admin, "publish_permission", None)
    if not permission:
        raise ImproperlyConfigured(
            f"{type(model_admin).__name__} has no publish_permission; pass permission=."
        )
    return permission


def site_origin():
    """SITE_URL, or the first concrete ALLOWED_HOSTS entry: mails are read off-site."""
    if settings.SITE_URL:
        return settings.SITE_URL
    hosts = [host for host in settings.ALLOWED_HOSTS if host != "*" and not host.startswith(".")]
    scheme = "https" if settings.HTTPS else "http"
    return f"{scheme}://{hosts[0] if hosts else 'localhost'}"


def recipients(users, *, warning=False):
    """Those of ``users`` who can and want to receive workflow mails (a ``warning``: who can)."""
    reachable = users.filter(is_active=True, is_staff=True).exclude(email="")
    if warning:
        return reachable
    return reachable.exclude(notification_setting__editorial=False)


def _leads(permission):
    return get_user_model().objects.filter(
        pk__in=get_user_model()
        .objects.with_perm(permission, include_superusers=True, backend=PERMISSION_BACKEND)
        .values("pk")
    )


def _author(author, by):
    users = get_user_model().objects.none()
    if author is None or author.pk == by.pk:
        return users
    return get_user_model().objects.filter(pk=author.pk)


def _display_name(user):
    return user.get_full_name() or user.get_username()


def _notify(event, users, obj, *, by, url, subject, warning=False, **context):
    origin = site_origin()
    opts = obj._meta
    if url is None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
    with translation.override(settings.LANGUAGE_CODE):
        kind = capfirst(opts.verbose_name)
        title = str(obj)
        context = {
            **context,
            "actor": _display_name(by),
            "kind": kind,
            "title": title,
            "link": origin + url,
            "public_link": _public_link(obj, origin),
            "settings_link": origin + reverse("admin:notification_settings"),
            "site_name": settings.SITE_NAME,
        }
        subject = f"[{settings.SITE_NAME}] " + subject % {"kind": kind, "title": title}
        messages = [
            outbox.Message(
                to=user.email,
                subject=subject,
                body=render_to_string(
                    f"notifications/{event}.txt",
                    {**context, "recipient": _display_name(user)},
                ),
            )
            for user in recipients(users, warning=warning).order_by("pk")
        ]
    outbox.queue(messages)


def _public_link(obj, origin):
    try:
        return origin + obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None
