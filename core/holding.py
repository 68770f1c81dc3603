"""
Rows that many requests read and only a save changes, held in the process
from one save to the next.

The site layer knows when content changes: every committed save moves its
tables' versions and its content version (partnership/site/fragments.py).
It installs its keeper here when it starts, and the views of the apps below
it ask for a value by name.
Without a keeper, as in a management command, every value is read afresh.
"""


class _Keeper:
    held = None


def install(keeper):
    """``keeper(name, load)`` gives ``load()``, or what it gave for ``name`` since a save."""
    _Keeper.held = keeper


def held(name, load):
    """``load()``, or the value it gave for ``name`` since content last changed."""
    if _Keeper.held is None:
        return load()
    return _Keeper.held(name, load)
