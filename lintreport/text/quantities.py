"""Numbers as written in report Chinese, each carrying the interval it really means.

`1,234件` is exactly 1234; `1.2万` is a rounded 12000 (11500-12500); `110余件` is 110-120;
`千余条` 1000-2000; `近44万` 43万-44万; `99%以上` 99 and up; `86.8%` 86.75-86.85. Relations are
then checked on intervals: an equality fails only when the intervals cannot meet, so an
approximate figure never makes an equality fail, but a bound still can (`300余本` is at least 300).
"""

from __future__ import annotations

import math

import regex

from ..record import Frozen
from .numerals import cn_to_int

# Classifiers that make a Chinese numeral a quantity (一次, 十四人); longest first matters
# because 人次 must beat 人.
UNITS: tuple[str, ...] = (
    "个工作日",
    "人次",
    "件次",
    "批次",
    "轮次",
    "场次",
    "万元",
    "亿元",
    "平方米",
    "公里",
    "件",
    "次",
    "人",
    "项",
    "个",
    "条",
    "家",
    "篇",
    "本",
    "场",
    "期",
    "批",
    "份",
    "名",
    "起",
    "卷",
    "天",
    "元",
    "处",
    "户",
    "所",
    "座",
    "套",
    "台",
    "辆",
    "吨",
    "册",
    "部",
    "封",
    "张",
    "宗",
    "例",
    "轮",
    "类",
    "亩",
    "单",
)

_UNIT_RE = "|".join(regex.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_CN = "零〇一二两三四五六七八九十百千万亿"

# NOTE: one pass over the text, no nested quantifiers over long spans; every group is bounded.
_QUANTITY_SOURCE = (
    r"(?P<pre>将近|接近|大约|超过|不到|不足|近|约|逾)?"
    r"(?:(?P<ar>(?<![\dA-Za-z.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\dA-Za-z.])\d+(?:\.\d+)?)"
    rf"|(?P<cn>[{_CN}]{{1,8}}))"
    r"(?P<yu1>余|多)?(?P<mag>万亿|万|亿)?(?P<yu2>余|多)?"
    rf"(?:\p{{Zs}}?(?P<unit>[%\uff05]|{_UNIT_RE}))?"
    r"(?P<post>以上|以下|左右)?"
)
_QUANTITY = regex.compile(_QUANTITY_SOURCE)

# The same shape without named groups, for packs to embed in their own patterns (`{figure}`);
# what such a pattern captures is read again with `parse_quantity`.
FIGURE_PATTERN = regex.sub(r"\(\?P<[a-z0-9]+>", "(?:", _QUANTITY_SOURCE)


# Float noise in 3474 / 4000 * 100 must not decide a rounding edge.
_EPSILON = 1e-9


class Interval(Frozen):
    """A closed interval of reals; `low == high` is an exact value."""

    __slots__ = ("low", "high")  # noqa: RUF023 (in __init__'s order)
    low: float
    high: float

    def __init__(self, low: float, high: float) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    @classmethod
    def exact(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def __mul__(self, other: Interval) -> Interval:
        products = [_mul(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        # NOTE: only non-negative quantities occur in reports; a divisor that may be 0 gives
        # "anything", which can never make a relation fail.
        if other.low <= 0:
            return Interval(-math.inf, math.inf)
        quotients = [a / b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(quotients), max(quotients))

    def widen(self, tolerance: float) -> Interval:
        return Interval(self.low - tolerance, self.high + tolerance)

    def meets(self, other: Interval, tolerance: float = 0.0) -> bool:
        """Whether some value lies in both (within `tolerance`): equality is possible."""
        slack = tolerance + _EPSILON
        return self.low <= other.high + slack and other.low <= self.high + slack

    def may_be_at_most(self, other: Interval, tolerance: float = 0.0) -> bool:
        """Whether `self <= other` is possible."""
        return self.low <= other.high + tolerance + _EPSILON


def _mul(a: float, b: float) -> float:
    if a == 0 or b == 0:
        return 0.0  # 0 * inf is 0 here: an unbounded side cannot turn a zero into anything
    return a * b


class Quantity(Frozen):
    """One figure in the text. `start`/`end` cover the figure with its markers and unit."""

    __slots__ = (  # noqa: RUF023 (in __init__'s order)
        "start",
        "end",
        "text",
        "value",
        "interval",
        "unit",
        "approximate",
        "decimals",
    )
    start: int
    end: int
    text: str
    value: float  # the nominal value as written, magnitude applied (1.2万 -> 12000)
    interval: Interval
    unit: str  # the classifier or "%", "" when none; 万/亿 are folded into the value
    approximate: bool
    decimals: int  # digits after the decimal point as written (for percentages)

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        value: float,
        interval: Interval,
        unit: str,
        approximate: bool,
        decimals: int,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "start", start)
        set_(self, "end", end)
        set_(self, "text", text)
        set_(self, "value", value)
        set_(self, "interval", interval)
        set_(self, "unit", unit)
        set_(self, "approximate", approximate)
        set_(self, "decimals", decimals)

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    def display(self) -> str:
        """The nominal value for a message: 22, 86.8, 12000."""
        return format_number(self.value, self.decimals)


def format_number(value: float, decimals: int = 0) -> str:
    if math.isinf(value):
        return "∞"
    if decimals <= 0 and float(value).is_integer():
        return str(int(value))
    return f"{value:.{max(decimals, 1)}f}"


def _step(value: float) -> float:
    """Place value of the last non-zero digit of an integer: 110 -> 10, 44万 -> 1万, 7 -> 1."""
    if value <= 0 or not float(value).is_integer():
        return 1.0
    n = int(value)
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def _parse(m: regex.Match[str]) -> Quantity | None:
    ar, cn = m.group("ar"), m.group("cn")
    unit = m.group("unit") or ""
    decimals = 0
    if ar is not None:
        digits = ar.replace(",", "")
        if "." in digits:
            decimals = len(digits.split(".", 1)[1])
        base = float(digits)
    else:
        if not unit:
            return None  # a bare Chinese numeral is a word (统一, 十九大), not a figure
        parsed = cn_to_int(cn)
        if parsed is None:
            return None
        base = float(parsed)
    magnitude = {"万": 1e4, "亿": 1e8, "万亿": 1e12}.get(m.group("mag") or "", 1.0)
    value = base * magnitude
    if unit == "\uff05":  # full-width percent sign
        unit = "%"
    approximate = False
    if decimals:
        # A figure with decimals is rounded: 86.8% is 86.75-86.85, 1.2万 is 11500-12500.
        half = 0.5 * 10.0**-decimals * magnitude
        interval = Interval(value - half, value + half)
        approximate = magnitude != 1.0
    elif unit == "%":
        interval = Interval(value - 0.5, value + 0.5)
    else:
        interval = Interval.exact(value)
    step = _step(base) * magnitude if not decimals else 10.0**-decimals * magnitude
    pre, post = m.group("pre"), m.group("post")
    more = m.group("yu1") or m.group("yu2")
    lows: list[float] = []
    highs: list[float] = []
    if more:
        lows.append(value)
        highs.append(value + step)
    if pre in ("近", "将近", "接近"):
        lows.append(max(0.0, value - step))
        highs.append(value)
    if pre in ("约", "大约") or post == "左右":
        lows.append(max(0.0, value - step))
        highs.append(value + step)
    if pre in ("超过", "逾") or post == "以上":
        lows.append(value)
        highs.append(math.inf)
    if pre in ("不到", "不足") or post == "以下":
        lows.append(0.0)
        highs.append(value)
    if lows:
        # Contradictory markers (近十余次) widen to the hull: never more precise than the text.
        interval = Interval(min([*lows, interval.low]), max([*highs, interval.high]))
        approximate = True
    return Quantity(
        start=m.start(),
        end=m.end(),
        text=m.group(),
        value=value,
        interval=interval,
        unit=unit,
        approximate=approximate,
        decimals=decimals,
    )


def find_quantities(text: str, pos: int = 0, endpos: int | None = None) -> list[Quantity]:
    """Every figure in `text[pos:endpos]`, in order. Offsets are into `text`."""
    if endpos is None:
        endpos = len(text)
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text, pos, endpos):
        q = _parse(m)
        if q is not None:
            found.append(q)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The quantity that is the whole of `text` (`近44万件`), or None."""
    m = _QUANTITY.fullmatch(text)
    return _parse(m) if m else None


_SENTENCE_END = regex.compile(r"[。！？!?；;\n]")


def sentences(text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences (and clauses ended by ；) in `text[pos:endpos]`, without the mark.

    Lines end sentences too: a figure and its relation never straddle a line break in practice,
    and a relation we miss costs less than one we invent.
    """
    if endpos is None:
        endpos = len(text)
    spans: list[tuple[int, int]] = []
    start = pos
    for m in _SENTENCE_END.finditer(text, pos, endpos):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if endpos > start:
        spans.append((start, endpos))
    return spans


_ENDS = "。！？!?；;\n"


_MAX_SENTENCE = 2000  # characters each way from a position; no real sentence is longer
# A "sentence" with more figures than this is a table or a dump, not prose that states a relation;
# relation checks skip it rather than pair every figure with every other.
MAX_FIGURES_PER_SENTENCE = 60
# NOTE: one search for the nearest end mark in each direction. A find() per mark scans to the end
# of the text for every mark that does not occur (a report may have no ！ at all): O(n) per
# sentence, O(n^2) per document (rate-does-not-match-counts on a 1 MB report: 68 -> 4 ms).
_END_AFTER = regex.compile(f"[{regex.escape(_ENDS)}]")
_END_BEFORE = regex.compile(f"[{regex.escape(_ENDS)}]", regex.REVERSE)


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence (as `sentences` cuts them) that contains offset `pos`."""
    # NOTE: a "sentence" longer than _MAX_SENTENCE is cut there: a text without end marks must
    # not make each call scan it all (quadratic over many calls).
    lo, hi = max(0, pos - _MAX_SENTENCE), min(len(text), pos + _MAX_SENTENCE)
    before = _END_BEFORE.search(text, lo, pos)
    after = _END_AFTER.search(text, pos, hi)
    return (before.end() if before else lo), (after.start() if after else hi)
