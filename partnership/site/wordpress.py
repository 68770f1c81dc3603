"""
WordPress pages as free content pages. news.wordpress imports the posts and
hands each page to a PageWriter; the writer lives here because news may not
know the site layer's Page.
"""

from urllib.parse import unquote, urlsplit

from django.db.models import Q

from news.wordpress import CHANGE_REASON, slug_for

from .models import Page


class PageWriter:
    """
    Writes WordPress pages as Pages, below their WordPress parent, keeping
    their old addresses. A page found at its old address (imported before)
    is left as it is, since staff may have edited it.
    """

    def __init__(self):
        self.pages = {}  # WordPress ID -> Page, of this run and found ones

    def __call__(self, post, body, notes):
        old_path = unquote(urlsplit(post.link).path).strip("/")
        known = (
            Page.objects.filter(Q(paths__de=old_path) | Q(redirects__old_path=old_path)).first()
            if old_path
            else None
        )
        if known is not None:
            self.pages[post.wordpress_id] = known
            notes.append("schon übernommen, unverändert gelassen")
            return known.get_absolute_url()
        # Drafts and private pages stay drafts; a future one is scheduled.
        page = Page(title=post.title, body=body, status=post.workflow_status())
        if post.published:
            page.publish_at = post.published
        if post.parent:
            page.parent = self.pages.get(post.parent)
            if page.parent is None:
                notes.append(f"übergeordnete Seite {post.parent} nicht gefunden, steht oben")
        page.slug = self._free_slug(page, slug_for(post), notes)
        page._change_reason = CHANGE_REASON
        page.save()
        if old_path:
            page.keep_address(old_path)
        self.pages[post.wordpress_id] = page
        return page.get_absolute_url()

    @staticmethod
    def _free_slug(page, wanted, notes):
        slug, counter = wanted, 1
        while not page.is_allowed_slug(slug, "de") or Page.objects.filter(slug=slug).exists():
            counter += 1
            slug = f"{wanted}-{counter}"
        if slug != wanted:
            reason = (
                "schon vergeben"
                if page.is_allowed_slug(wanted, "de")
                else "eine Adresse der Website"
            )
            notes.append(f"Kurzname „{slug}“, weil „{wanted}“ {reason} ist")
        return slug
