"""
Read a form on a rendered page as a browser submits it, so that it can be
posted back: by the tests of the admin and by make bench's editor, which
saves articles through the admin's own change form.

A browser sends every named input, textarea and selected option of the
form; unchecked boxes and empty file inputs send nothing (a file input sends
an empty part, which Django reads as "no new file").
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.fields = []  # (name, value) in document order
        self.submits = []  # names of submit buttons
        self._textarea = None
        self._select = None
        self._option = None
        self._first = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind == "submit":
                self.submits.append(name)
            elif kind not in ("file", "button", "image", "reset"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "chosen": []}
            self._first = None
        elif tag == "option" and self._select is not None:
            selected = "selected" in attrs
            self._option = {"value": attrs.get("value"), "text": "", "selected": selected}
        elif tag == "button" and name and attrs.get("type", "submit") == "submit":
            self.submits.append(name)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops one newline that directly follows the start tag.
            name, value = self._textarea
            self.fields.append((name, value.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._close_option()
            select = self._select
            chosen = select["chosen"]
            if not chosen and not select["multiple"] and self._first is not None:
                chosen = [self._first]
            self.fields.extend((select["name"], value) for value in chosen)
            self._select = None

    def _close_option(self):
        option = self._option
        value = option["value"] if option["value"] is not None else option["text"].strip()
        if self._first is None:
            self._first = value
        if option["selected"]:
            self._select["chosen"].append(value)
        self._option = None


class AdminForm:
    """The named fields and submit buttons of one form on a page."""

    def __init__(self, html, form_id):
        reader = _FormReader(form_id)
        reader.feed(html)
        self.fields = reader.fields
        self.submits = reader.submits

    def data(self, **changes):
        """The form as a browser would post it, with ``changes`` applied."""
        result = {}
        for name, value in self.fields:
            result.setdefault(name, []).append(value)
        for name, value in changes.items():
            if name not in result and f"{name}_de" in result:
                # A translated field: the change is to its German text.
                name = f"{name}_de"
            result[name] = value if isinstance(value, list) else [value]
        return result
