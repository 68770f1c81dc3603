"""
A cheaper identity for the ORM's column references.

Django 5.2 hashes every selected column of an ordered query
(``SQLCompiler._order_by_pairs``), and a column's hash is its ``identity``,
which ``Expression`` works out by binding the constructor's arguments
with ``inspect.signature``: some 40 µs a column. Our tables are wide (a
translated field has a column per language), so an uncached page spent
5–10 ms on it, a fifth of its time. A ``Col``'s identity follows from its
three arguments; ``column_identity`` builds the same tuple directly, and
tests/core/test_columns.py compares the two on the site's own queries.
"""

from functools import cached_property

from django.db.models.expressions import Col, Expression

ARGUMENTS = ("alias", "target", "output_field")
generic_identity = Expression.identity.func


def column_identity(column):
    if type(column) is not Col:
        return generic_identity(column)
    args, kwargs = column._constructor_args
    bound = {"output_field": None, **dict(zip(ARGUMENTS, args, strict=False)), **kwargs}
    return (Col, *((name, Col._identity(bound[name])) for name in ARGUMENTS))


def install_column_identity():
    identity = cached_property(column_identity)
    identity.__set_name__(Col, "identity")
    Col.identity = identity
