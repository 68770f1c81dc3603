"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal) and the free content pages staff add (pages).
"""

from .legal import LegalPage, validate_captions, validate_video
from .pages import Page, PageRedirect

__all__ = ["LegalPage", "Page", "PageRedirect", "validate_captions", "validate_video"]
