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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..pack import Pack, Rule, load_pack
from .runner import FileOutcome, RunOptions, lint_file, select_rules


def default_jobs() -> int:
    """The number of cores this process may run on (affinity-aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class _WorkerState:
    packs: list[Pack]
    rules: list[Rule]
    options: RunOptions


# NOTE: one per worker process, set once by the initializer; a pool worker has no other way to
# keep the compiled packs between tasks. The parent process never touches it.
_STATE: list[_WorkerState] = []


def _init_worker(payload: list[Pack] | list[str], options: RunOptions) -> None:
    packs = [p if isinstance(p, Pack) else load_pack(p) for p in payload]
    rules = select_rules(packs, options.select, options.ignore)
    _STATE[:] = [_WorkerState(packs, rules, options)]


def _lint_one(path: Path) -> FileOutcome:
    state = _STATE[0]
    outcome = lint_file(path, state.packs, state.rules, state.options)
    if not state.options.keep_text:
        # Do not ship every document's text back to the parent when no formatter quotes it.
        outcome = FileOutcome(outcome.info, outcome.violations, outcome.errors, None)
    return outcome


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
    # NOTE: imported here, not at the top: the CLI imports this module for default_jobs() and a
    # one-file run must not pay for multiprocessing.
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, min(jobs, len(files)))
    # Several files per task amortise the round trip; several tasks per worker balance the load.
    chunksize = max(1, min(32, len(files) // (workers * 8)))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(_payload(packs), options)
    ) as pool:
        yield from pool.map(_lint_one, files, chunksize=chunksize)
