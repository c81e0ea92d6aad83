"""Patterns every check run needs, carried compiled in the pack cache.

The document model's patterns (page chrome, headings, the title block, year signals) are used by
every run, so compiling them on first use would only move their ~8 ms. A compiled `regex`
pattern pickles as its compiled code and unpickles ~60x faster than it compiles, so these are
declared as `Carried`: compiled on first use, unless the pack cache entry (pack/cache.py, written
by the same code: its fingerprint covers every module) brought them compiled.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex


class Carried:
    """`X()` is the compiled pattern."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None
        _DECLARED[(pattern, flags)] = self

    def __call__(self) -> regex.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = regex.compile(self.pattern, self.flags)
        return compiled

    def __repr__(self) -> str:
        return f"Carried({self.pattern!r}, {self.flags})"


# Every Carried pattern of the imported modules, by source and flags. Per process, as the modules
# that declare them at import are.
_DECLARED: dict[tuple[str, int], Carried] = {}


def compile_all() -> dict[tuple[str, int], regex.Pattern[str]]:
    """Every declared pattern compiled, for the pack cache to store."""
    return {key: carried() for key, carried in _DECLARED.items()}


def install(compiled: Mapping[tuple[str, int], object]) -> None:
    """Take patterns compiled by `compile_all` in another process (unpickled from the cache)."""
    for key, pattern in compiled.items():
        carried = _DECLARED.get(key)
        if carried is not None and carried._compiled is None and isinstance(pattern, regex.Pattern):
            carried._compiled = pattern
