"""Read an admin page's form as a browser does, so tests can post it back."""

from partnership.site.form_reader import AdminForm

__all__ = ["AdminForm", "change_form"]


def change_form(response):
    """The main form of an admin add or change page."""
    opts = response.context["opts"]
    return AdminForm(response.content.decode(), f"{opts.model_name}_form")
