"""Which workflow mail an article's change of status sends (core/notifications.py)."""

from core import notifications

from .models import Article


def status_changed(article, previous, *, by):
    """Called after an article is saved with a new status, in the same transaction."""
    status = Article.Status
    if article.status == previous:
        return
    if article.status == status.REVIEW:
        notifications.submitted(article, by=by)
    elif article.status == status.PUBLISHED:
        notifications.published(article, author=article.created_by, by=by, when=article.publish_at)
    elif (
        article.status == status.DRAFT
        and previous is not None
        # An editor taking back their own submission sends nothing back.
        and by.has_perm(notifications.publish_permission(article))
    ):
        notifications.sent_back(
            article, author=article.created_by, by=by, comment=article.review_comment
        )
