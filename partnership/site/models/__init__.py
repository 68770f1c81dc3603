"""
The site layer's own content, one module per kind: the pages the law and
accessibility ask for (legal).
"""

from .legal import LegalPage, validate_captions, validate_video

__all__ = ["LegalPage", "validate_captions", "validate_video"]
