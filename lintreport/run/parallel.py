"""Lint many files on several cores, with results in input order whatever the number of workers.

Each worker process gets the packs once, in its initializer, then lints the files it is sent;
only paths go out and `FileOutcome`s come back. Where workers fork (Linux) they inherit the
loaded packs as they are. Elsewhere (spawn) packs are sent pickled when they pickle (a `when:`
condition pickles as its source text), and as their file paths otherwise (a plugin kind holding
something unpicklable): each worker then loads the packs itself, once.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..model import FileError
from ..pack import Pack, Rule, load_pack
from ..record import record
from .runner import FileOutcome, RunOptions, display_path, lint_file, select_rules


def default_jobs() -> int:
    """The number of cores this process may run on (affinity-aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


T = TypeVar("T")
Finish = Callable[[Path, FileOutcome], Any]


@record(frozen=True)
class _WorkerState:
    packs: list[Pack]
    rules: list[Rule]
    options: RunOptions
    finish: Finish  # what the worker makes of an outcome before sending it (policy, encoding)


# NOTE: one per worker process, set once by the initializer; a pool worker has no other way to
# keep the compiled packs between tasks. The parent process never touches it.
_STATE: list[_WorkerState] = []


def _init_worker(payload: list[Pack] | list[str], options: RunOptions, finish: Finish) -> None:
    packs = [p if isinstance(p, Pack) else load_pack(p) for p in payload]
    rules = select_rules(packs, options.select, options.ignore)
    _STATE[:] = [_WorkerState(packs, rules, options, finish)]


def _as_is(path: Path, outcome: FileOutcome) -> FileOutcome:
    if outcome.text is not None and not _STATE[0].options.keep_text:
        # Do not ship every document's text back to the parent when no formatter quotes it.
        return FileOutcome(outcome.info, outcome.violations, outcome.errors, None)
    return outcome


def _lint_one(path: Path) -> Any:
    state = _STATE[0]
    return state.finish(path, lint_file(path, state.packs, state.rules, state.options))


def _lint_chunk(paths: list[Path]) -> list[Any]:
    return [_lint_one(p) for p in paths]


_DIED = "检查此文件的进程意外终止（可能是内存不足被系统结束），未检查该文件"


def _died(path: Path) -> FileOutcome:
    return FileOutcome(None, [], [FileError(display_path(path), _DIED)], None)


def _payload(packs: Sequence[Pack]) -> list[Pack] | list[str]:
    import multiprocessing  # not at the top: the CLI imports this module on every run

    if multiprocessing.get_start_method() == "fork":
        return list(packs)  # the child inherits them: nothing is pickled, nothing reloaded
    try:
        pickle.dumps(list(packs))
    except Exception:  # a kind may hold something unpicklable: workers reload by path
        return [p.path for p in packs]
    return list(packs)


def lint_files_parallel(
    files: Sequence[Path], packs: Sequence[Pack], options: RunOptions, jobs: int
) -> Iterator[FileOutcome]:
    """Outcomes of `files`, in the order of `files`, computed by `jobs` worker processes."""
    return map_files_parallel(files, packs, options, jobs, _as_is)


def map_files_parallel(
    files: Sequence[Path],
    packs: Sequence[Pack],
    options: RunOptions,
    jobs: int,
    finish: Callable[[Path, FileOutcome], T],
) -> Iterator[T]:
    """`finish(path, outcome)` of `files`, in the order of `files`, computed by `jobs` worker
    processes: each worker lints a file and applies `finish` to it (a module-level function or
    a picklable object: under spawn it is sent to the workers once, with the packs).

    A worker that dies (the OOM killer, a crash in a C extension) breaks the whole pool and
    fails every pending task. The files it did not finish are then run again in a fresh pool,
    one per task; when that breaks too, the few files that were being worked on are each run
    alone, so a file that kills its worker costs only its own result (reported as its error)
    and every other file is still checked.
    """
    # NOTE: imported here, not at the top: the CLI imports this module for default_jobs() and a
    # one-file run must not pay for multiprocessing.
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    workers = max(1, min(jobs, len(files)))
    payload = _payload(packs)
    # A result is dropped once yielded, a future once read: held to the end, the results of a
    # large corpus would be the whole report in memory.
    results: list[T | None] = [None] * len(files)
    finished = [False] * len(files)
    shown = 0

    def ready() -> Iterator[T]:
        nonlocal shown
        while shown < len(results) and finished[shown]:
            item, results[shown] = results[shown], None
            yield item  # type: ignore[misc]
            shown += 1

    def keep(chunk: list[int], outcomes: list[T]) -> None:
        for i, outcome in zip(chunk, outcomes, strict=True):
            results[i] = outcome
            finished[i] = True

    def pool(size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=size, initializer=_init_worker, initargs=(payload, options, finish)
        )

    # Several files per task amortise the round trip; several tasks per worker balance the load.
    chunksize = max(1, min(32, len(files) // (workers * 8)))
    chunks = [
        list(range(i, min(i + chunksize, len(files)))) for i in range(0, len(files), chunksize)
    ]
    while chunks:
        broken = False
        with pool(workers) as executor:
            futures: list[Future[list[T]] | None] = [
                executor.submit(_lint_chunk, [files[i] for i in c]) for c in chunks
            ]
            for k, chunk in enumerate(chunks):
                future, futures[k] = futures[k], None
                assert future is not None
                try:
                    outcomes = future.result()
                except BrokenProcessPool:
                    broken = True
                    break
                keep(chunk, outcomes)
                yield from ready()
            if broken:  # keep what other workers finished before the pool broke
                for chunk, pending in zip(chunks, futures, strict=True):
                    if pending is not None and pending.done() and pending.exception() is None:
                        keep(chunk, pending.result())
        if not broken:
            break
        unfinished = [i for c in chunks for i in c if not finished[i]]
        if chunksize == 1:
            # The pool hands out tasks in order, at most one queued beyond the running ones:
            # the worker that died was running one of the first few unfinished files.
            suspects, unfinished = unfinished[: workers + 1], unfinished[workers + 1 :]
            for i in suspects:
                keep([i], [_alone(files[i], pool, finish)])
            yield from ready()
        chunksize = 1
        chunks = [[i] for i in unfinished]
    yield from ready()


def _alone(path: Path, pool: Callable[[int], Any], finish: Callable[[Path, FileOutcome], T]) -> T:
    """Lint one file in a pool of its own: its death is its own."""
    from concurrent.futures.process import BrokenProcessPool

    with pool(1) as executor:
        try:
            return executor.submit(_lint_one, path).result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            return finish(path, _died(path))
