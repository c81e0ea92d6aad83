"""Is a mention used as the current basis, or told as history? Shared by the reference kinds.

A report may say 《纲要（2015-2020年）》实施以来 (history, fine) or 根据《纲要（2015-2020年）》
(current basis, stale after 2020). Rules therefore look for current-use frames
(根据/按照/依据/贯彻落实/紧紧围绕 …) before the name and for historical markers in its sentence.
The frame and marker lists come from the pack; this module only knows where to look.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

import regex

from ..model import Severity
from ..record import record
from .base import ParamError, compile_regex, finditer

# A sentence ends at these; a clause (the reach of a frame such as 根据) also at commas and colons.
SENTENCE_ENDS = frozenset("。！？；;!?\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，,：:")
# How far a sentence-wide allow-list looks either way (a long 公文 sentence, not a paragraph).
SENTENCE_LIMIT = 200

Use = Literal["current", "historical", "plain"]


def back_to(text: str, pos: int, stops: frozenset[str], limit: int) -> int:
    """Start of the segment holding `pos`: just after the nearest stop, at most `limit` back."""
    lo = max(0, pos - limit)
    i = pos - 1
    while i >= lo:
        if text[i] in stops:
            return i + 1
        i -= 1
    return lo


def forward_to(text: str, pos: int, stops: frozenset[str], limit: int) -> int:
    """End of the segment holding `pos` (exclusive), at most `limit` ahead."""
    hi = min(len(text), pos + limit)
    i = pos
    while i < hi:
        if text[i] in stops:
            return i
        i += 1
    return hi


def sentence_bounds(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    return back_to(text, start, SENTENCE_ENDS, limit), forward_to(text, end, SENTENCE_ENDS, limit)


@record(frozen=True)
class Frames:
    """Compiled frame and marker patterns of one rule (None where the pack gives none).

    `historical` may carry a named group `year`: a marker such as 2015年以来 counts as history
    only when that year is before the report year (2023年以来 in a 2023 report is the report's own
    period, not history).
    """

    current: regex.Pattern[str] | None
    historical: regex.Pattern[str] | None
    frame_window: int = 80
    history_window: int = 60

    def in_history(self, text: str, start: int, end: int, report_year: int | None) -> bool:
        if self.historical is None:
            return False
        lo, hi = sentence_bounds(text, start, end, self.history_window)
        for m in finditer(self.historical, text, lo, hi):
            year = m.groupdict().get("year")
            if year is not None and report_year is not None and int(year) >= report_year:
                continue
            return True
        return False

    def framed(self, text: str, start: int) -> bool:
        if self.current is None:
            return False
        lo = back_to(text, start, CLAUSE_ENDS, self.frame_window)
        # A frame word inside an earlier title (《…实施方案》) is part of a name, not a frame.
        return any(
            text.count("《", lo, m.start()) <= text.count("》", lo, m.start())
            for m in finditer(self.current, text, lo, start)
        )

    def classify(self, text: str, start: int, end: int, report_year: int | None) -> Use:
        if self.in_history(text, start, end, report_year):
            return "historical"
        return "current" if self.framed(text, start) else "plain"


def any_overlap(
    pattern: regex.Pattern[str] | None, text: str, start: int, end: int, window: int
) -> bool:
    """True when a match of `pattern` near [start, end) overlaps it (an allow-list hit)."""
    if pattern is None:
        return False
    lo, hi = max(0, start - window), min(len(text), end + window)
    return any(m.start() < end and m.end() > start for m in finditer(pattern, text, lo, hi))


def in_sentence(
    pattern: regex.Pattern[str] | None, text: str, start: int, end: int, limit: int
) -> bool:
    """True when `pattern` matches anywhere in the sentence holding [start, end)."""
    if pattern is None:
        return False
    lo, hi = sentence_bounds(text, start, end, limit)
    return any(True for _ in finditer(pattern, text, lo, hi))


def alternation(key: str, patterns: list[str]) -> regex.Pattern[str] | None:
    """One compiled alternation of a pack's pattern list (None for an empty list)."""
    return compile_regex(key, "|".join(f"(?:{p})" for p in patterns)) if patterns else None


@record(frozen=True, kw_only=True)
class FrameParams:
    """The parameters of a reference kind that say how a mention is used and how to treat it.

    A kind's Params inherit these, so the pack writes them the same way for every such kind.
    """

    frames: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "“作为现行依据”的语境（同一分句中位于提及之前）：根据、按照、依据……",
            "regex": True,
        },
    )
    frame_window: int = field(default=80, metadata={"doc": "向前查找语境的最大字符数"})
    historical: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "同一句中表示历史叙述的标志（……以来、实施以来）；"
            "命名分组 year 不早于报告年度时不算",
            "regex": True,
        },
    )
    history_window: int = field(default=60, metadata={"doc": "在句中前后查找历史标志的最大字符数"})
    unframed: Literal["report", "info", "skip"] = field(
        default="report", metadata={"doc": "没有现行依据语境时：照常报告、降为提示或不报告"}
    )
    in_history: Literal["info", "skip"] = field(
        default="info", metadata={"doc": "历史叙述中的提及：降为提示或不报告"}
    )
    unless_sentence: list[str] = field(
        default_factory=list,
        metadata={"doc": "同一句中出现这些正则时不报告（如引用督察规定第一条）", "regex": True},
    )
    message_history: str | None = field(
        default=None, metadata={"doc": "历史叙述中的提及所用的提示模板"}
    )
    message_unframed: str | None = field(
        default=None, metadata={"doc": "没有现行依据语境时所用的提示模板"}
    )


def compile_frames(params: FrameParams) -> tuple[Frames, regex.Pattern[str] | None]:
    """The rule's compiled frames and its sentence-wide allow-list; raises ParamError."""
    if params.unframed != "report" and not params.frames:
        raise ParamError("unframed", "unframed 不是 report 时需要 frames（现行依据语境）")
    frames = Frames(
        current=alternation("frames", params.frames),
        historical=alternation("historical", params.historical),
        frame_window=params.frame_window,
        history_window=params.history_window,
    )
    return frames, alternation("unless_sentence", params.unless_sentence)


def verdict(use: Use, policy: FrameParams) -> tuple[Severity | None, str | None] | None:
    """How to report a mention used as `use`: None to skip it, else (severity, message template).

    History is skipped or reported as info; a mention without a current-use frame (when the
    rule lists frames) is skipped, info, or reported as usual; a current use as usual.
    """
    if use == "historical":
        return None if policy.in_history == "skip" else (Severity.INFO, policy.message_history)
    if use == "plain" and policy.frames:
        if policy.unframed == "skip":
            return None
        if policy.unframed == "info":
            return Severity.INFO, policy.message_unframed
    return None, None
