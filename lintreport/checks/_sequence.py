"""Shared by the numbering kinds: classify a number against the one expected, render numerals."""

from __future__ import annotations

from typing import Literal

from ..text.numerals import int_to_cn

Problem = Literal["gap", "repeat", "backward", "run_on"]
PROBLEMS: tuple[Problem, ...] = ("gap", "repeat", "backward", "run_on")


def classify(number: int, last: int, previous_run: int = 0) -> Problem | None:
    """Why `number` is wrong after `last` (0 = nothing yet), or None when it is `last + 1`.

    `previous_run` is the last number of this level under the previous parent: a list that
    carries on from it instead of restarting is a run-on, not a gap.
    """
    if number == last + 1:
        return None
    if last == 0 and previous_run and number == previous_run + 1:
        return "run_on"
    if number == last:
        return "repeat"
    if number > last:
        return "gap"
    return "backward"


def render_numeral(style: str, number: int) -> str:
    """`style` with its placeholder digit replaced: ("（一）", 3) → "（三）", ("1.", 12) → "12."."""
    if "一" in style:
        return style.replace("一", int_to_cn(number), 1)
    if "1" in style:
        return style.replace("1", str(number), 1)
    return style
