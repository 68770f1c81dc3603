"""
The two editorial roles. The permissions are the whole definition: the admin
checks them on the server for every page, form, inline and action.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = _("Redaktion")
LEADS = _("Redaktionsleitung")

# Content that editors prepare and leads release, as (app label, model).
CONTENT = [
    ("news", "article"),
    ("news", "category"),
    ("cities", "city"),
    ("partnership", "partnership"),
    ("partnership", "agreement"),
    ("partnership", "project"),
    ("partnership", "statuschange"),
    ("partnership", "institutionaltie"),
    ("partnership", "cooperationarea"),
    ("partnership", "contact"),
    ("site", "legalpage"),
    ("site", "page"),
]

EDITOR_PERMISSIONS = [
    f"{app}.{action}_{model}" for app, model in CONTENT for action in ("add", "change", "view")
] + [
    "news.view_previewlink",
    "core.view_pendingchange",
    # Who signed up for an event, for editors who organise it with the office.
    "participation.view_signup",
]

LEAD_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    *(f"{app}.delete_{model}" for app, model in CONTENT),
    "news.publish_article",
    "news.delete_previewlink",
    "cities.publish_city",
    "partnership.publish_partnership",
    "site.publish_legalpage",
    "site.publish_page",
    # The site's identity and the notice on every page: the lead's alone.
    *(f"site.{action}_sitesettings" for action in ("add", "change", "view")),
    *(f"site.{action}_notice" for action in ("add", "change", "delete", "view")),
    "admin.view_logentry",
    # Participants' personal data leaves the site only through the lead:
    # the organiser's list, mail to participants, requests under Art. 15/17.
    "participation.export_signup",
    "participation.delete_signup",
]

ROLES = {EDITORS: EDITOR_PERMISSIONS, LEADS: LEAD_PERMISSIONS}
