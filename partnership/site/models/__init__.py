"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal), who runs the site (identity), the site-wide
notice (notice) and the record of demo content (demo).
"""

from .demo import DemoObject
from .identity import SiteSettings, SiteState, site_state
from .legal import AccessibilityCheck, LegalPage, validate_captions, validate_video
from .notice import Notice

__all__ = [
    "AccessibilityCheck",
    "DemoObject",
    "LegalPage",
    "Notice",
    "SiteSettings",
    "SiteState",
    "site_state",
    "validate_captions",
    "validate_video",
]
