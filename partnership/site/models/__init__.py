"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal), who runs the site (identity), the site-wide
notice (notice), the free content pages staff add (pages) and the record of
demo content (demo).
"""

from .demo import DemoObject
from .identity import DataLicence, SiteSettings, SiteState, site_state
from .legal import AccessibilityCheck, LegalPage, validate_captions, validate_video
from .notice import Notice
from .pages import Page, PageRedirect

__all__ = [
    "AccessibilityCheck",
    "DataLicence",
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
