"""Work grows with the input, not faster: hostile shapes at two sizes, four times apart.

No clock thresholds: each shape is linted at size n and 4n and the ratios of CPU time and of
peak memory are compared with the size ratio. Linear work gives ~4; the quadratic paths these
shapes used to hit gave 16 and more, so a generous bound (10 for time, 8 for memory) separates
them on a loaded machine. A failure means a pass over the text stopped being linear.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

import pytest

from lintreport.pack import Pack
from lintreport.run.runner import lint_text

HEAD = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"


def nested_marks(n: int) -> str:
    return HEAD + "依据" + "《" * n + "法" + "》" * n + "。\n"


def empty_lines(n: int) -> str:
    return HEAD + "\n" * n + "推进工作。\n"


def long_line(n: int) -> str:
    unit = "全年共办理行政复议案件36件,其中“撤销”3件、《条例》(2021-2025年)推进;"
    return HEAD + unit * (n // len(unit)) + "\n"


def figure_storm(n: int) -> str:
    unit = "受理363件，办结300件，办结率82.6%，其中市级120件、县级180件，合计300件；"
    return HEAD + unit * (n // len(unit)) + "\n"


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "nested-marks": (nested_marks, 4_000),
    "empty-lines": (empty_lines, 3_000),
    "long-line": (long_line, 12_000),
    "figure-storm": (figure_storm, 6_000),
}


def _cost(text: str, packs: list[Pack]) -> tuple[float, int]:
    gc.collect()
    start = time.process_time()
    lint_text(text, packs, path="shape.txt")
    seconds = time.process_time() - start
    tracemalloc.start()
    try:
        lint_text(text, packs, path="shape.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return seconds, peak


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_cost_grows_with_size_not_faster(shape: str, default_packs: list[Pack]) -> None:
    make, n = SHAPES[shape]
    small_text, large_text = make(n), make(4 * n)
    small_t, small_m = _cost(small_text, default_packs)
    large_t, large_m = _cost(large_text, default_packs)
    size_ratio = len(large_text) / len(small_text)
    assert 3 < size_ratio < 5
    # a floor for tiny measurements: below it the ratio is noise, not growth
    time_ratio = large_t / max(small_t, 0.02)
    memory_ratio = large_m / max(small_m, 1 << 20)
    assert time_ratio < 10, f"{shape}: {small_t:.3f}s -> {large_t:.3f}s"
    assert memory_ratio < 8, f"{shape}: {small_m >> 10} KB -> {large_m >> 10} KB"
