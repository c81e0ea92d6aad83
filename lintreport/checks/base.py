"""What every check kind provides, and helpers several kinds share.

A kind is a class with:

- `name`: equal to its module name, the value of `kind:` in a pack;
- `Params`: a frozen dataclass whose fields are the YAML parameters (see pack/schema.py);
- `placeholders`: the message fields its findings fill;
- `__init__(params)`: compiles once; raises `ParamError(key, message)` for semantic problems;
- `run(doc)`: yields `Finding`s; pure, no I/O, no globals.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any, ClassVar, Protocol

import regex

from ..document.document import Document
from ..model import Finding
from .backtrack import backtrack_risk

# NOTE: every pack regex runs with a timeout, so a catastrophic pattern cannot hang a run; the
# runner reports the rule as failing and goes on with the others.
REGEX_TIMEOUT = 2.0
# The timeout bounds one call; a kind calls finditer once per line or paragraph, so a pattern
# that takes 1.9 s per line would still take hours on a long report. The runner therefore gives
# each rule a budget per document (see regex_budget) that every finditer call draws from.
_DEADLINE: ContextVar[float | None] = ContextVar("lintreport_regex_deadline", default=None)
# Numeric relations the number kinds evaluated on the current document (see relation_tally), so a
# silent report can be told apart from one where nothing was checked.
_TALLY: ContextVar[list[int] | None] = ContextVar("lintreport_relation_tally", default=None)


class ParamError(ValueError):
    """A parameter value that is well-typed but wrong (e.g. an empty term list)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class CheckKind(Protocol):
    name: ClassVar[str]
    Params: ClassVar[type[Any]]
    placeholders: ClassVar[frozenset[str]]

    def __init__(self, params: Any) -> None: ...

    def allowed_placeholders(self) -> frozenset[str]: ...

    def guaranteed_fields(self) -> frozenset[str]: ...

    def run(self, doc: Document) -> Iterable[Finding]: ...


class BaseKind:
    """Convenience base: stores params and exposes the class placeholders."""

    name: ClassVar[str] = ""
    Params: ClassVar[type[Any]]
    placeholders: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, params: Any) -> None:
        self.params = params

    def allowed_placeholders(self) -> frozenset[str]:
        return self.placeholders

    def guaranteed_fields(self) -> frozenset[str]:
        """Document values (report_year, next_year, title, report_type) this kind never fires
        without: its messages may show them with no fallback."""
        return frozenset()


# Product of nested repeat counts above which a pattern is refused at load: `regex` expands
# bounded repeats when compiling, so `(a{65535}){65535}` never finishes compiling and
# `((a{100}){100}){100}` takes seconds. Real patterns stay below a few thousand ({0,40} twice).
_MAX_REPEAT_WEIGHT = 10_000
_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def _repeat_weight(pattern: str) -> int:
    """Largest product of nested bounded repeat counts (a cheap over-estimate, never a parse)."""
    stack = [1]  # the heaviest item seen so far in each open group
    i, n = 0, len(pattern)
    last = 1  # weight of the atom or group just before position i
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i, last = i + 2, 1
            continue
        if ch == "[":
            j = i + 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i, last = j + 1, 1
            continue
        if ch == "(":
            stack.append(1)
            i += 1
            continue
        if ch == ")":
            last = stack.pop() if len(stack) > 1 else 1
            i += 1
            continue
        m = _REPEAT.match(pattern, i)
        if m is not None and (m.group(1) or m.group(2)):
            bound = int(m.group(2) or m.group(1) or 1) if len(m.group(0)) < 12 else 10**9
            last *= max(bound, 1)
            stack[-1] = max(stack[-1], last)
            i = m.end()
            continue
        stack[-1] = max(stack[-1], last)
        last = 1
        i += 1
    return max(stack)


def can_backtrack(pattern: str) -> bool:
    """Whether a pack pattern may take more than linear time (see backtrack.py: nested or
    overlapping repeats, an unanchored unbounded repeat, anything not analysed). Decided once,
    at load."""
    return backtrack_risk(pattern) is not None


class PackPattern:
    """A pattern from a pack, compiled once; matching draws on the rule's time budget.

    Patterns that `can_backtrack` run with the regex timeout (bounded by what is left of the
    rule's budget on this document) and the budget is checked between the matches of
    `finditer`; the others run unguarded. Every method a kind uses goes through here, so no
    kind can forget the guard (`announced_count`'s one_pattern, `year_relation`'s section
    pattern, `required_sections`' per-heading matching).
    """

    __slots__ = ("compiled", "guarded")

    def __init__(self, compiled: regex.Pattern[str], guarded: bool) -> None:
        self.compiled = compiled
        self.guarded = guarded

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def _kw(self) -> dict[str, float]:
        return {"timeout": _timeout()} if self.guarded else {}

    def search(
        self, string: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None
    ) -> regex.Match[str] | None:
        end = len(string) if endpos is None else endpos
        return self.compiled.search(string, pos, end, **self._kw())

    def match(
        self, string: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None
    ) -> regex.Match[str] | None:
        end = len(string) if endpos is None else endpos
        return self.compiled.match(string, pos, end, **self._kw())

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None
    ) -> regex.Match[str] | None:
        end = len(string) if endpos is None else endpos
        return self.compiled.fullmatch(string, pos, end, **self._kw())

    def finditer(
        self, string: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        end = len(string) if endpos is None else endpos
        if not self.guarded:
            return self.compiled.finditer(string, pos, end)
        return _budgeted(self.compiled.finditer(string, pos, end, timeout=_timeout()))

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count, **self._kw())


def _budgeted(matches: Iterator[regex.Match[str]]) -> Iterator[regex.Match[str]]:
    """Stop between matches once the rule's budget is spent (many quick matches add up)."""
    for m in matches:
        yield m
        _timeout()


def compile_regex(key: str, pattern: str) -> PackPattern:
    """Compile a pattern from a pack; every problem is a ParamError (a positioned pack error)."""
    weight = _repeat_weight(pattern)
    if weight > _MAX_REPEAT_WEIGHT:
        raise ParamError(
            key, f"正则表达式的嵌套重复次数过多（约 {weight} 次展开，上限 {_MAX_REPEAT_WEIGHT}）"
        )
    try:
        compiled = regex.compile(pattern, regex.V1)
    except regex.error as exc:
        raise ParamError(key, f"正则表达式无效：{exc}") from None
    except (RecursionError, OverflowError, MemoryError, ValueError) as exc:
        raise ParamError(key, f"正则表达式过于复杂，无法编译（{type(exc).__name__}）") from None
    return PackPattern(compiled, can_backtrack(pattern))


class regex_budget:  # lower-case: used like a function, `with regex_budget(2.0):`
    """Within the block, all finditer calls together may match for at most `seconds`.

    A plain class rather than @contextmanager: the runner enters one per rule per document, and
    the generator machinery cost more than the rest of a small document's rule loop.
    """

    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds

    def __enter__(self) -> None:
        self._token = _DEADLINE.set(time.monotonic() + self._seconds)

    def __exit__(self, *exc: object) -> None:
        _DEADLINE.reset(self._token)


class relation_tally:  # lower-case: used like a function, `with relation_tally() as tally:`
    """Within the block, `count_relation()` calls add up; `count` is the total.

    A context variable rather than a return value: kinds stay generators of findings, and the
    runner, not the kinds, decides whether anyone wants the number.
    """

    __slots__ = ("_cell", "_token")

    def __init__(self) -> None:
        self._cell = [0]

    def __enter__(self) -> relation_tally:
        self._token = _TALLY.set(self._cell)
        return self

    def __exit__(self, *exc: object) -> None:
        _TALLY.reset(self._token)

    @property
    def count(self) -> int:
        return self._cell[0]


def count_relation(n: int = 1) -> None:
    """Record that a number kind evaluated `n` relations (a rate against its counts, a total
    against its parts): one context-variable read, nothing when no tally is open."""
    cell = _TALLY.get()
    if cell is not None:
        cell[0] += n


def _timeout() -> float:
    deadline = _DEADLINE.get()
    if deadline is None:
        return REGEX_TIMEOUT
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex matching budget of the rule exhausted")
    return min(REGEX_TIMEOUT, left)


def finditer(
    pattern: regex.Pattern[str] | PackPattern, text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    """`pattern.finditer`: a PackPattern decides itself whether it needs the timeout and the
    rule budget (raises TimeoutError). A plain compiled pattern is the kind's own (a vetted
    module constant, or escaped literals from a pack): it runs unguarded, because the guard made
    each call 1.9-3.2x slower and such a pattern cannot backtrack catastrophically."""
    if endpos is None:
        endpos = len(text)
    return pattern.finditer(text, pos, endpos)


def literal_finder(words: Iterable[str]) -> re.Pattern[str]:
    """A standard-library `re` pattern matching any of `words`, longest first (same matches,
    same order as `literal_alternation` compiled with `regex`).

    Only for escaped literals: an alternation of literals cannot backtrack catastrophically, so it
    needs no timeout, and `re` tries it ~4x faster than `regex` at every position of a text (it
    skips positions whose character cannot start any word).
    """
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in unique))


def literal_alternation(words: Iterable[str]) -> str:
    """One alternation for many literals, longest first so 法制政府建设 beats 法制政府."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in unique)
