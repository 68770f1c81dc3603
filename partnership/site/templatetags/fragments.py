"""
Cached pieces of the public pages (partnership/site/fragments.py).

``{% fragment "name" row … %}…{% endfragment %}`` keeps what it encloses,
for the rows (or other values) it is given, with the versions of the
fragment's tables and of those rows.

``{% fragment_for item in items "name" value … %}…{% endfragment_for %}``
loops like ``{% for %}``, keeping each item's piece with that item's
version, for the values given after the name (anything else the piece
shows differently, such as its heading level). All of a list's pieces are
looked up in one round trip, with the page's other pieces where the page
was rendered before, and stored with the page's. Inside,
``forloop.counter0`` and ``forloop.first`` work as in a for loop, and
``first`` is part of each key (the first teaser's image is not loaded
lazily).
"""

from django import template
from django.utils.safestring import mark_safe

from partnership.site import fragments

register = template.Library()


def active_rendering(context):
    """The request's use of the fragments, unless the page shows anything not live."""
    if context.get("is_preview"):
        return None
    return fragments.rendering()


class FragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        page = active_rendering(context)
        if page is None:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        key = page.snapshot.key(name, parts)
        [stored] = page.fetch([key]).values()
        # With nothing stored it is rendered: the rows it lists are read once.
        read = stored is None and fragments.FRAGMENTS[name].lists_given_rows
        stamp = page.snapshot.stamp(name, parts, read=read)
        if stored is not None and stored[0] == stamp:
            return mark_safe(stored[1])
        html = self.nodelist.render(context)
        page.store(key, stamp, str(html))
        return html


class FragmentForNode(template.Node):
    def __init__(self, variable, items, name, parts, nodelist):
        self.variable, self.items, self.name, self.parts = variable, items, name, parts
        self.nodelist = nodelist

    def render(self, context):
        items = list(self.items.resolve(context) or ())
        page = active_rendering(context)
        entries = [(None, None)] * len(items)
        stored = {}
        if page is not None:
            name = self.name.resolve(context)
            parts = [part.resolve(context) for part in self.parts]
            entries = [
                page.snapshot.entry(name, [item, index == 0, *parts])
                for index, item in enumerate(items)
            ]
            stored = page.lookup(entries)
        pieces = []
        with context.push():
            for index, (item, (key, stamp)) in enumerate(zip(items, entries, strict=True)):
                if key in stored:
                    pieces.append(stored[key])
                    continue
                context[self.variable] = item
                context["forloop"] = {"counter0": index, "counter": index + 1, "first": index == 0}
                html = self.nodelist.render(context)
                pieces.append(html)
                if key is not None:
                    page.store(key, stamp, str(html))
        return mark_safe("".join(pieces))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs the fragment's name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(name, parts, nodelist)


@register.tag
def fragment_for(parser, token):
    bits = token.split_contents()
    if len(bits) < 5 or bits[2] != "in":
        raise template.TemplateSyntaxError('{% fragment_for item in items "name" … %} expected.')
    nodelist = parser.parse(("endfragment_for",))
    parser.delete_first_token()
    items, name, *parts = (parser.compile_filter(bit) for bit in bits[3:])
    return FragmentForNode(bits[1], items, name, parts, nodelist)
