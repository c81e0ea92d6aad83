"""A progress bar on stderr for long runs: 2,000 files take ~20 s and would print nothing.

Shown only when stderr is a terminal, and only once the run has lasted `DELAY` seconds, so
short runs, pipes, CI logs and editors never see it (rich is imported only then: ~20 ms). It
is transient: the bar disappears when the run ends and leaves the report as it would be
without it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress

DELAY = 1.0  # seconds before the bar appears


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class ProgressBar:
    """Context manager; `update(done, total)` is the `on_progress` callback of a check run."""

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        color: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._enabled = enabled
        self._stream = stream
        self._color = color
        self._clock = clock
        self._started_at = clock()
        self._progress: Progress | None = None
        self._task = None

    def update(self, done: int, total: int) -> None:
        if not self._enabled or done >= total:
            return
        if self._progress is None:
            if self._clock() - self._started_at < DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(
                file=self._stream, force_terminal=True, no_color=not self._color, highlight=False
            )
            self._progress = Progress(
                TextColumn("检查中"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("个文件"),
                console=console,
                transient=True,
                auto_refresh=False,  # redrawn per file: no thread, no redraw between files
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._progress.add_task("check", total=total, completed=done)
            self._progress.start()
        assert self._task is not None
        self._progress.update(self._task, completed=done, total=total, refresh=True)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
