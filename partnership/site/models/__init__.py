"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal) and who runs the site (identity).
"""

from .identity import SiteSettings
from .legal import AccessibilityCheck, LegalPage, validate_captions, validate_video

__all__ = [
    "AccessibilityCheck",
    "LegalPage",
    "SiteSettings",
    "validate_captions",
    "validate_video",
]
