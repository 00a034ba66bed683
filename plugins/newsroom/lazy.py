"""What only an article's own page shows, made when that page is rendered.

The build sets thousands of these in its serial part (the JSON-LD blocks, the share links), but
only the article's page reads them: in a cold build the pages are rendered by forked workers on
every core, and in a rebuild most article pages are taken unchanged from the last site
(reuse.py) and never rendered, so nothing needs them at all. A `Lazy` list is made on its first
read and kept; it reads as the list it stands for (iteration, index, length, truth, equality).
What it is made from must be final when it is set (the articles are, at all_generators_finalized).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


class Lazy(Sequence):
    __slots__ = ("_make", "_args", "_items")

    def __init__(self, make: Callable[..., list], *args):
        self._make, self._args, self._items = make, args, None

    def _list(self) -> list:
        if self._items is None:
            self._items = list(self._make(*self._args))
            self._make = self._args = None  # what it was made from is no longer held
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self):
        return iter(self._list())

    def __eq__(self, other) -> bool:
        return self._list() == (list(other) if isinstance(other, Sequence) and not isinstance(other, str) else other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Lazy({self._list()!r})"
