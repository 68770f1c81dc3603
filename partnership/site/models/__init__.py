"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal), the free content pages staff add (pages),
who runs the site (identity), the site-wide notice (notice) and the record
of demo content (demo).
"""

from .demo import DemoObject
from .identity import SiteSettings, SiteState, site_state
from .legal import LegalPage, validate_captions, validate_video
from .notice import Notice
from .pages import Page, PageRedirect

__all__ = [
    "DemoObject",
    "LegalPage",
    "Notice",
    "Page",
    "PageRedirect",
    "SiteSettings",
    "SiteState",
    "site_state",
    "validate_captions",
    "validate_video",
]
