"""A regular expression (`regex` V1 syntax) as a small tree, for backtrack.py to judge.

Only what the judgement needs is kept: character positions (`atom`, with a source valid
inside a V1 set), sequences, alternations, repeats with their bounds, lookarounds and
anchors. Syntax it does not understand raises Unsupported: such a pattern is judged risky.
"""

from __future__ import annotations

import bisect
import functools

import regex

# A bounded repeat above this many optional iterations is treated as unbounded.
_LARGE = 100


class Unsupported(Exception):
    """Syntax the analysis does not cover (the message says which, for tests)."""


class Atom:
    """One character position; `source` is valid inside a V1 set (`\\d`, `[^。]`, `\\-`)."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source


@functools.cache  # per process, built once when a pack is compiled (not on a cache hit)
def _every_char() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


_SIZE = 0x110000 - 0x800  # len(_every_char())


def _index(cp: int) -> int | None:
    """Where code point `cp` lies in `_every_char()` (None for a surrogate, which is not there)."""
    if 0xD800 <= cp <= 0xDFFF:
        return None
    return cp if cp < 0xD800 else cp - 0x800


@functools.cache  # per process: the same few classes (\s, \p{Han} …) recur in every pack
def _scan(expression: str) -> tuple[tuple[int, int], ...]:
    found = regex.compile(f"[{expression}]+", regex.V1).finditer(_every_char())
    return tuple(m.span() for m in found)


@functools.cache
def runs(expression: str) -> tuple[tuple[int, int], ...]:
    """The members of the V1 set `[expression]` as the maximal runs of `_every_char()` they fill
    (half-open index spans, in order), after which intersections and inclusions are a walk over
    a few runs. A set written as single characters and classes (`^。\\n`, `[，,、：:]`,
    `\\p{Han}（）`) is put together from its members, each class scanned once; anything else
    (ranges, set operations) is found by scanning all of Unicode with the set itself."""
    body, negate = expression, False
    inner = body[1:-1].replace("\\[", "").replace("\\]", "")
    if body[:1] == "[" and body[-1:] == "]" and "[" not in inner and "]" not in inner:
        body = body[1:-1]
    if body[:1] == "^":
        body, negate = body[1:], True
    members = _members(body)
    if members is None:
        return _scan(expression)
    merged = _merge(members)
    return _complement(merged) if negate else merged


def _members(body: str) -> list[tuple[int, int]] | None:
    """The runs of each member of a set written as characters and classes; None otherwise."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c in "[]-&|~^":
            return None
        if c != "\\":
            cp, i = ord(c), i + 1
        elif i + 1 >= n:
            return None
        elif body[i + 1] in "uU":
            width = 4 if body[i + 1] == "u" else 8
            digits = body[i + 2 : i + 2 + width]
            if len(digits) != width or any(d not in "0123456789abcdefABCDEF" for d in digits):
                return None
            cp, i = int(digits, 16), i + 2 + width
        elif body[i + 1] in "dswDSW":
            out.extend(_scan(body[i : i + 2]))
            i += 2
            continue
        elif body[i + 1] in "pP" and body.startswith("{", i + 2):
            close = body.find("}", i + 2)
            if close < 0:
                return None
            out.extend(_scan(body[i : close + 1]))
            i = close + 1
            continue
        elif body[i + 1] in "nt":
            cp, i = (10 if body[i + 1] == "n" else 9), i + 2
        elif not body[i + 1].isalnum():
            cp, i = ord(body[i + 1]), i + 2
        else:
            return None
        index = _index(cp)
        if index is not None:
            out.append((index, index + 1))
    return out


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:  # touching runs are one run: runs stay maximal
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def _complement(spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    out, at = [], 0
    for start, end in spans:
        if start > at:
            out.append((at, start))
        at = end
    if at < _SIZE:
        out.append((at, _SIZE))
    return tuple(out)


def empty(expression: str) -> bool:
    """No character is in the V1 set `[expression]`."""
    return not runs(expression)


def disjoint(a: str, b: str) -> bool:
    """No character is in both V1 sets `[a]` and `[b]`."""
    ra, rb = runs(a), runs(b)
    i = j = 0
    while i < len(ra) and j < len(rb):
        if ra[i][1] <= rb[j][0]:
            i += 1
        elif rb[j][1] <= ra[i][0]:
            j += 1
        else:
            return False
    return True


def within(inner: str, outer: str) -> bool:
    """Every character of the V1 set `[inner]` is in `[outer]`."""
    ro = runs(outer)
    starts = [start for start, _ in ro]
    for start, end in runs(inner):
        k = bisect.bisect_right(starts, start) - 1
        # runs are maximal, so a run of `inner` lies inside a single run of `outer` or not at all
        if k < 0 or ro[k][1] < end:
            return False
    return True


# The tree: ("seq", [nodes]), ("alt", [nodes]), ("atom", Atom), ("rep", node, min, max|None),
# ("ahead", node), ("behind", node), ("start", Atom), ("zero",) for other zero-width items.

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_CLASS_ESCAPES = frozenset("dDwWsShHvV")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmM")


class Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        # `m` anywhere: every `^` may be a line start (scoped flags are not tracked).
        self.multiline = regex.search(r"\(\?[a-zA-Z-]*m", pattern) is not None

    def parse(self) -> tuple:
        node = self.alternation()
        if self.i != len(self.p):
            raise Unsupported("unbalanced parenthesis")
        return node

    def alternation(self) -> tuple:
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self) -> tuple:
        items: list[tuple] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            item = self.item()
            if item is not None:
                items.append(self.quantified(item))
        return ("seq", items)

    def quantified(self, item: tuple) -> tuple:
        p = self.p
        while self.i < len(p):
            ch = p[self.i]
            if ch in "*+?":
                lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
                self.i += 1
            elif ch == "{":
                m = regex.match(r"\{(\d*)(,?)(\d*)\}", p[self.i :])
                if m is None or (not m.group(1) and not m.group(3)):
                    if m is None and regex.match(r"\{[^}]*[<>=]", p[self.i :]):
                        raise Unsupported("fuzzy matching")
                    return item  # a literal brace
                lo = int(m.group(1) or 0)
                hi = int(m.group(3)) if m.group(3) else (None if m.group(2) else lo)
                self.i += m.end()
            else:
                return item
            if self.i < len(p) and p[self.i] in "?+":
                self.i += 1  # lazy or possessive: same worst case for this analysis
            if item[0] in ("ahead", "behind", "start", "zero"):
                raise Unsupported("quantified zero-width item")
            if hi is not None and hi - lo > _LARGE:
                hi = None
            item = ("rep", item, lo, hi)
        return item

    def item(self) -> tuple | None:
        ch = self.p[self.i]
        if ch == "(":
            return self.group()
        if ch == "[":
            return ("atom", self.char_class())
        if ch == "\\":
            return self.escape()
        self.i += 1
        if ch == ".":
            return ("atom", Atom("[^\\n]"))
        if ch == "^":
            return ("start", "line" if self.multiline else "text")
        if ch == "$":
            return ("zero",)
        if ch in "*+?{":
            if ch == "{":
                return ("atom", Atom("\\{"))
            raise Unsupported("nothing to repeat")
        return ("atom", Atom(_literal(ch)))

    def escape(self) -> tuple:
        p = self.p
        if self.i + 1 >= len(p):
            raise Unsupported("trailing backslash")
        ch = p[self.i + 1]
        if ch in _ZERO_WIDTH_ESCAPES:
            self.i += 2
            return ("start", "text") if ch == "A" else ("zero",)
        if ch in _CLASS_ESCAPES or ch in "pPX":
            m = regex.match(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\[dDwWsShHvVX]", p[self.i :])
            if m is None:
                raise Unsupported("unknown escape")
            self.i += m.end()
            return ("atom", Atom(m.group()))
        if ch.isdigit() or ch in "gkLN":
            raise Unsupported("backreference, named list or named character")
        char, self.i = _escaped_char(p, self.i)
        return ("atom", Atom(_literal(char)))

    def char_class(self) -> Atom:
        p, start = self.p, self.i
        j = start + 1
        if j < len(p) and p[j] == "^":
            j += 1
        if j < len(p) and p[j] == "]":
            j += 1
        while j < len(p) and p[j] != "]":
            if p[j] == "[":
                raise Unsupported("nested set in a character class")
            j += 2 if p[j] == "\\" else 1
        if j >= len(p):
            raise Unsupported("unterminated character class")
        self.i = j + 1
        source = p[start : j + 1]
        try:
            empty(source[1:-1])
        except regex.error:
            raise Unsupported("character class not understood") from None
        return Atom(source)

    def group(self) -> tuple:
        p = self.p
        self.i += 1
        kind = "group"
        if p.startswith("?", self.i):
            m = regex.match(
                r"\?(?:P?<(?P<name>\w+)>|:|>|=|!|<=|<!|(?P<flags>[a-zA-Z-]+)(?P<end>[:)]))",
                p[self.i :],
            )
            if m is None:
                raise Unsupported("group syntax not analysed")
            token = m.group()
            if m.group("flags") is not None:
                if set(m.group("flags")) - {"m"}:
                    raise Unsupported("inline flags")
                self.i += m.end()
                if m.group("end") == ")":
                    return None  # type: ignore[return-value]
            else:
                self.i += m.end()
                if token in ("?=", "?!"):
                    kind = "ahead"
                elif token in ("?<=", "?<!"):
                    kind = "behind"
        node = self.alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise Unsupported("unbalanced parenthesis")
        self.i += 1
        if kind == "behind":
            return (kind, node, token == "?<!")
        return node if kind == "group" else (kind, node)


def _escaped_char(p: str, i: int) -> tuple[str, int]:
    ch = p[i + 1]
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch], i + 2
    for prefix, width in (("x", 2), ("u", 4), ("U", 8)):
        if ch == prefix:
            digits = p[i + 2 : i + 2 + width]
            if len(digits) != width or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported("escape not understood")
            return chr(int(digits, 16)), i + 2 + width
    if ch.isalnum():
        raise Unsupported("escape not understood")
    return ch, i + 2


def _literal(ch: str) -> str:
    """`ch` as a set member."""
    return f"\\U{ord(ch):08x}"
