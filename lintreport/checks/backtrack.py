"""Can a pack pattern take more than linear time? Decided once per pattern, when a pack loads.

Patterns judged risky run with the regex timeout and draw on the rule's time budget (see
base.PackPattern); the others run unguarded, because the guard makes every call 1.9-3.2x slower.
The judgement is conservative: whatever this module does not understand is risky.

A pattern is risky when it has

- a repeated group (`+`, `*`, `{2,}` …) whose body can match in more than one way: nested or
  alternating repeats such as `(a+)+`, `(a|a)*`, `(a?){40}` — exponential;
- two unbounded repeats that can start on the same character without a required character
  between them that the first cannot take (`\\s*年?\\s*`, `[^x]*a[^x]*`), or bounded ones
  whose spreads multiply past 10,000 (`a{0,99}a{0,99}a{0,99}`) — polynomial per try;
- an unbounded item not anchored by a required character before it (at a bounded distance)
  that the item cannot consume: `\\s*x` or `[^。]*关键词` is tried from every position of a
  long run and each try scans the rest of the run — quadratic over the text. Anchored (`截止\\s*`,
  `法规\\s*[（(]`, `^` where the repeat cannot take a newline, `(?<![\\d.])\\d+`, or an anchored
  repeat of other characters just before: `\\d+\\s*`), the runs scanned by different tries
  hardly overlap, which keeps it linear;
- an unbounded item inside a lookbehind, a backreference, recursion, a conditional, fuzzy
  matching, a named list, or inline flags other than `m` (their cost is not analysed here).
"""

from __future__ import annotations

import functools

import regex

from ._regex_tree import Atom, Parser, Unsupported, disjoint, within

# Tries of overlapping bounded repeats (the product of their spreads) above which a pattern is
# risky: `(?:x{0,99}){4}`-like chains, without any unbounded repeat.
_MAX_WAYS = 10_000


class _Risky(Exception):
    """The pattern may backtrack catastrophically (the message says why, for tests)."""


class _Sep:
    """What limits where the tries that reach a point can start (see _separates)."""

    __slots__ = ("atoms", "kind")

    def __init__(self, kind: str, atoms: tuple[Atom, ...] = ()) -> None:
        self.kind = kind  # text-start, line-start, char, not-after, run, any
        self.atoms = atoms


_TEXT_START = _Sep("text-start")
_LINE_START = _Sep("line-start")


def _disjoint(a: Atom, b: Atom) -> bool:
    return disjoint(a.source, b.source)


def _separates(sep: _Sep, atoms: list[Atom]) -> bool:
    """A run of characters of `atoms` cannot reach back over `sep`, so the tries whose
    repeat scans the same run start at a bounded number of places: linear, not quadratic."""
    kind = sep.kind
    if kind == "text-start":
        return True
    if kind == "line-start":
        return all(disjoint("\\n", a.source) for a in atoms)
    if kind == "not-after":  # (?<![x]) before a run of x: no try starts inside the run
        return all(within(a.source, sep.atoms[0].source) for a in atoms)
    if kind == "any":  # one of several, depending on the path taken
        return all(_separates(s, atoms) for s in sep.atoms)  # type: ignore[arg-type]
    return all(_disjoint(s, a) for s in sep.atoms for a in atoms)


# -- analysis --------------------------------------------------------------------------------


class _State:
    """What is known at a point of the pattern, on every path that reaches it.

    `seps`: what limits where tries reaching this point started, each at a bounded distance;
    `pending`: variable-length repeats since which no character they cannot take was
    required: (all atoms, first atoms, spread: max - min + 1, None when unbounded).
    """

    __slots__ = ("pending", "seps")

    def __init__(
        self, seps: list[_Sep], pending: list[tuple[list[Atom], list[Atom], int | None]]
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


def _atoms(node: tuple) -> list[Atom]:
    kind = node[0]
    if kind == "atom":
        return [node[1]]
    if kind in ("seq", "alt"):
        return [a for child in node[1] for a in _atoms(child)]
    if kind == "rep":
        return _atoms(node[1])
    return []


def _first_atoms(node: tuple) -> list[Atom]:
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
        state.seps.append(_TEXT_START if node[1] == "text" else _LINE_START)
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
        parser = Parser(pattern)
        tree = parser.parse()
        _walk(tree, _State([], []))
    except (_Risky, Unsupported) as exc:
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
        tree = Parser(pattern).parse()
        return _line_bound(tree)
    except (_Risky, Unsupported, regex.error, ValueError, IndexError, RecursionError):
        return False


def _line_bound(node: tuple) -> bool:
    kind = node[0]
    if kind == "atom":
        return disjoint("\\n", node[1].source)
    if kind in ("seq", "alt"):
        return all(_line_bound(child) for child in node[1])
    if kind in ("rep", "ahead", "behind"):
        return _line_bound(node[1])
    return False  # an anchor
