"""Can a pack pattern take more than linear time? Decided once per pattern, when a pack loads.

Patterns judged risky run with the regex timeout and draw on the rule's time budget (see
base.PackPattern); the others run unguarded, because the guard makes every call 1.9-3.2x slower.
The judgement is conservative: whatever this module does not understand is risky.

A pattern is risky when it has

- a repeated group (`+`, `*`, `{2,}` …) whose body can match in more than one way: nested or
  alternating repeats such as `(a+)+`, `(a|a)*`, `(a?){40}` — exponential;
- two variable-length items, one of them unbounded, that can consume the same characters
  without a required character between them that the first cannot consume: `\\s*年?\\s*`,
  `[^x]*a[^x]*` — polynomial per attempt;
- an unbounded item not anchored by a required character before it (at a bounded distance)
  that the item cannot consume: `\\s*x` or `[^。]*关键词` is tried from every position of a
  long run and each try scans the rest of the run — quadratic over the text. Anchored (`截止\\s*`,
  `法规\\s*[（(]`), the runs scanned by different tries do not overlap, which keeps it linear;
- an unbounded item inside a lookbehind, a backreference, recursion, a conditional, fuzzy
  matching, a named list, or inline flags other than `m` (their cost is not analysed here).
"""

from __future__ import annotations

import functools

import regex

# A bounded repeat above this many optional iterations is treated as unbounded.
_LARGE = 100
# Tries of overlapping bounded repeats (the product of their spreads) above which a pattern is
# risky: `(?:x{0,99}){4}`-like chains, without any unbounded repeat.
_MAX_WAYS = 10_000


class _Risky(Exception):
    """The pattern may backtrack catastrophically (the message says why, for tests)."""


class _Atom:
    """One character position; `source` is valid inside a V1 set (`\\d`, `[^。]`, `\\-`)."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source


class _Sep:
    """What limits where the tries that reach a point can start (see _separates)."""

    __slots__ = ("atoms", "kind")

    def __init__(self, kind: str, atoms: tuple[_Atom, ...] = ()) -> None:
        self.kind = kind  # text-start, line-start, char, not-after, run, any
        self.atoms = atoms


_TEXT_START = _Sep("text-start")


@functools.cache  # per process, built once when a pack is compiled (not on a cache hit)
def _every_char() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


@functools.cache  # per process: the same few classes (\s, \p{Han} …) recur in every pack
def _empty(expression: str) -> bool:
    """No character is in the V1 set `[expression]` (decided by scanning all of Unicode)."""
    return regex.compile(f"[{expression}]", regex.V1).search(_every_char()) is None


def _disjoint(a: _Atom, b: _Atom) -> bool:
    return _empty(f"{a.source}&&{b.source}")


def _separates(sep: _Sep, atoms: list[_Atom]) -> bool:
    """A run of characters of `atoms` cannot reach back over `sep`, so the tries whose
    repeat scans the same run start at a bounded number of places: linear, not quadratic."""
    kind = sep.kind
    if kind == "text-start":
        return True
    if kind == "line-start":
        return all(_empty(f"\\n&&{a.source}") for a in atoms)
    if kind == "not-after":  # (?<![x]) before a run of x: no try starts inside the run
        return all(_empty(f"{a.source}--{sep.atoms[0].source}") for a in atoms)
    if kind == "any":  # one of several, depending on the path taken
        return all(_separates(s, atoms) for s in sep.atoms)  # type: ignore[arg-type]
    return all(_disjoint(s, a) for s in sep.atoms for a in atoms)


# -- parsing ---------------------------------------------------------------------------------
# The tree: ("seq", [nodes]), ("alt", [nodes]), ("atom", _Atom), ("rep", node, min, max|None),
# ("ahead", node), ("behind", node), ("start", _Atom), ("zero",) for other zero-width items.

_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_CLASS_ESCAPES = frozenset("dDwWsShHvV")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmM")


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        # `m` anywhere: every `^` may be a line start (scoped flags are not tracked).
        self.multiline = regex.search(r"\(\?[a-zA-Z-]*m", pattern) is not None

    def parse(self) -> tuple:
        node = self.alternation()
        if self.i != len(self.p):
            raise _Risky("unbalanced parenthesis")
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
                        raise _Risky("fuzzy matching")
                    return item  # a literal brace
                lo = int(m.group(1) or 0)
                hi = int(m.group(3)) if m.group(3) else (None if m.group(2) else lo)
                self.i += m.end()
            else:
                return item
            if self.i < len(p) and p[self.i] in "?+":
                self.i += 1  # lazy or possessive: same worst case for this analysis
            if item[0] in ("ahead", "behind", "start", "zero"):
                raise _Risky("quantified zero-width item")
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
            return ("atom", _Atom("[^\\n]"))
        if ch == "^":
            return ("start", _Sep("line-start") if self.multiline else _TEXT_START)
        if ch == "$":
            return ("zero",)
        if ch in "*+?{":
            if ch == "{":
                return ("atom", _Atom("\\{"))
            raise _Risky("nothing to repeat")
        return ("atom", _Atom(_literal(ch)))

    def escape(self) -> tuple:
        p = self.p
        if self.i + 1 >= len(p):
            raise _Risky("trailing backslash")
        ch = p[self.i + 1]
        if ch in _ZERO_WIDTH_ESCAPES:
            self.i += 2
            return ("start", _TEXT_START) if ch == "A" else ("zero",)
        if ch in _CLASS_ESCAPES or ch in "pPX":
            m = regex.match(r"\\[pP](?:\{[^}]*\}|[A-Za-z])|\\[dDwWsShHvVX]", p[self.i :])
            if m is None:
                raise _Risky("unknown escape")
            self.i += m.end()
            return ("atom", _Atom(m.group()))
        if ch.isdigit() or ch in "gkLN":
            raise _Risky("backreference, named list or named character")
        char, self.i = _escaped_char(p, self.i)
        return ("atom", _Atom(_literal(char)))

    def char_class(self) -> _Atom:
        p, start = self.p, self.i
        j = start + 1
        if j < len(p) and p[j] == "^":
            j += 1
        if j < len(p) and p[j] == "]":
            j += 1
        while j < len(p) and p[j] != "]":
            if p[j] == "[":
                raise _Risky("nested set in a character class")
            j += 2 if p[j] == "\\" else 1
        if j >= len(p):
            raise _Risky("unterminated character class")
        self.i = j + 1
        source = p[start : j + 1]
        try:
            _empty(source[1:-1])
        except regex.error:
            raise _Risky("character class not understood") from None
        return _Atom(source)

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
                raise _Risky("group syntax not analysed")
            token = m.group()
            if m.group("flags") is not None:
                if set(m.group("flags")) - {"m"}:
                    raise _Risky("inline flags")
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
            raise _Risky("unbalanced parenthesis")
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
                raise _Risky("escape not understood")
            return chr(int(digits, 16)), i + 2 + width
    if ch.isalnum():
        raise _Risky("escape not understood")
    return ch, i + 2


def _literal(ch: str) -> str:
    """`ch` as a set member."""
    return f"\\U{ord(ch):08x}"


# -- analysis --------------------------------------------------------------------------------


class _State:
    """What is known at a point of the pattern, on every path that reaches it.

    `seps`: what limits where tries reaching this point started, each at a bounded distance;
    `pending`: variable-length repeats since which no character they cannot take was
    required: (all atoms, first atoms, spread: max - min + 1, None when unbounded).
    """

    __slots__ = ("pending", "seps")

    def __init__(
        self, seps: list[_Sep], pending: list[tuple[list[_Atom], list[_Atom], int | None]]
    ) -> None:
        self.seps = seps
        self.pending = pending

    def copy(self) -> _State:
        return _State(list(self.seps), list(self.pending))

    def merge(self, other: _State) -> _State:
        seps = [s for s in self.seps if any(s is o for o in other.seps)]
        if self.seps and other.seps and self.seps[-1] is not other.seps[-1]:
            seps.append(_Sep("any", (self.seps[-1], other.seps[-1])))  # type: ignore[arg-type]
        pending = list(self.pending)
        for item in other.pending:
            if not any(item is mine for mine in pending):
                pending.append(item)
        return _State(seps, pending)


def _atoms(node: tuple) -> list[_Atom]:
    kind = node[0]
    if kind == "atom":
        return [node[1]]
    if kind in ("seq", "alt"):
        return [a for child in node[1] for a in _atoms(child)]
    if kind == "rep":
        return _atoms(node[1])
    return []


def _first_atoms(node: tuple) -> list[_Atom]:
    """The atoms a match of a fixed `node` can start with (all of them when unsure)."""
    if node[0] == "atom":
        return [node[1]]
    if node[0] == "seq" and node[1] and node[1][0][0] == "atom":
        return [node[1][0][1]]
    return _atoms(node)


def _fixed(node: tuple) -> bool:
    """Matches in exactly one way where it matches: no alternation, no variable repeat."""
    kind = node[0]
    if kind == "atom":
        return True
    if kind == "seq":
        return all(_fixed(child) for child in node[1])
    if kind == "rep":
        return node[2] == node[3] and _fixed(node[1])
    return kind in ("zero", "start") or (kind in ("ahead", "behind") and not _unbounded(node[1]))


def _unbounded(node: tuple) -> bool:
    kind = node[0]
    if kind == "rep" and node[3] is None:
        return True
    if kind in ("seq", "alt"):
        return any(_unbounded(child) for child in node[1])
    if kind in ("rep", "ahead", "behind"):
        return _unbounded(node[1])
    return False


def _walk(node: tuple, state: _State) -> _State:
    kind = node[0]
    if kind == "seq":
        for child in node[1]:
            state = _walk(child, state)
        return state
    if kind == "alt":
        merged: _State | None = None
        for branch in node[1]:
            after = _walk(branch, state.copy())
            merged = after if merged is None else merged.merge(after)
        assert merged is not None
        return merged
    if kind == "atom":
        atom = node[1]
        state.pending = [p for p in state.pending if not all(_disjoint(a, atom) for a in p[0])]
        state.seps.append(_Sep("char", (atom,)))
        return state
    if kind == "start":
        state.seps.append(node[1])
        return state
    if kind == "ahead":
        _walk(node[1], state.copy())
        return state
    if kind == "behind":
        if _unbounded(node[1]):
            raise _Risky("unbounded lookbehind")
        if not node[2]:  # (?<=x): a required character just before, as good as one here
            state.seps.extend(_walk(node[1], _State([], [])).seps)
        elif node[1][0] == "seq" and len(node[1][1]) == 1 and node[1][1][0][0] == "atom":
            state.seps.append(_Sep("not-after", (node[1][1][0][1],)))
        return state
    if kind == "zero":
        return state
    # a repeat
    body, lo, hi = node[1], node[2], node[3]
    if hi is not None and hi <= 1:
        return _walk(body, state.copy()).merge(state)  # optional: taken or skipped
    if lo == hi:
        if not _fixed(body):
            raise _Risky("repeated group that can match in several ways")
        return _walk(body, state)
    if not _fixed(body):
        raise _Risky("nested or alternating repeats")
    atoms = _atoms(body)
    # Where one repeat ends and the next begins is ambiguous only if an iteration of the
    # earlier and the later one can start with the same character.
    first = _first_atoms(body)
    unbounded = hi is None
    # Two unbounded repeats that can split a run between them try every split: a polynomial of
    # higher degree. Bounded ones multiply the tries by their spread; many of them add up.
    ways = 1 if unbounded else hi - lo + 1
    for _all, other_first, other_spread in state.pending:
        if all(_disjoint(a, b) for a in first for b in other_first):
            continue
        if unbounded and other_spread is None:
            raise _Risky("overlapping repeats")
        ways *= other_spread or 1
    if ways > _MAX_WAYS:
        raise _Risky("many overlapping bounded repeats")
    if unbounded:
        if not any(_separates(s, atoms) for s in state.seps):
            raise _Risky("unbounded repeat tried from every position")
        # Past the repeat, tries are limited by where its run ended: a later repeat of
        # characters it cannot take is anchored by it.
        state.seps = [_Sep("run", tuple(atoms))]
    state.pending = [*state.pending, (atoms, first, None if unbounded else hi - lo + 1)]
    return state


@functools.cache  # per process: the built-in packs share many patterns
def backtrack_risk(pattern: str) -> str | None:
    """Why `pattern` may take more than linear time, or None when it provably cannot."""
    try:
        parser = _Parser(pattern)
        tree = parser.parse()
        _walk(tree, _State([], []))
    except _Risky as exc:
        return str(exc)
    except (regex.error, ValueError, IndexError, RecursionError) as exc:
        return f"not analysed ({type(exc).__name__})"
    return None


@functools.cache  # per process, like backtrack_risk
def within_lines(pattern: str) -> bool:
    """Whether scanning the whole text and keeping the matches inside some lines finds exactly
    what scanning each of those lines alone finds.

    True when no part of the pattern, lookarounds included, can take a newline, and it has no
    anchor (`^ $ \\b \\A \\Z` …): a match then lies inside one line, a lookaround at a line's
    edge sees a newline it cannot take where the scan of that line alone sees nothing (the
    same outcome), and an anchor — which could tell a line's edge from the text's — is absent.
    """
    try:
        tree = _Parser(pattern).parse()
        return _line_bound(tree)
    except (_Risky, regex.error, ValueError, IndexError, RecursionError):
        return False


def _line_bound(node: tuple) -> bool:
    kind = node[0]
    if kind == "atom":
        return _empty(f"\\n&&{node[1].source}")
    if kind in ("seq", "alt"):
        return all(_line_bound(child) for child in node[1])
    if kind in ("rep", "ahead", "behind"):
        return _line_bound(node[1])
    return False  # an anchor
