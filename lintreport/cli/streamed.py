"""`check` with output written as files finish: the parent writes, the workers do the rest.

Each file is linted, its policy applied and its part of the output encoded where it was linted
(formats/stream.py, policy/perfile.py); the parent writes the parts in the order the format's
`render` would have written them, and keeps only small counts, the documents' descriptions
and the errors. Memory stays flat in the number of files, and `-j N` leaves the parent little
to do. The bytes are those of the collected path (`finish`).
"""

from __future__ import annotations

import argparse
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TextIO

from ..formats import trait
from ..formats.statistics import CountKey
from ..formats.stream import Totals, Writer, stream_writer
from ..model import DocumentInfo, FileError, Severity, Violation
from ..policy.checkrun import CheckRun
from ..policy.perfile import exit_status
from ..run.runner import RunOptions
from ..run.walk import skipped_note
from .progress import ProgressBar, is_terminal


class _InOrder:
    """Writes parts in `order` (display paths, sorted), holding those that come early."""

    def __init__(self, writer: Writer, order: Sequence[str]) -> None:
        self.writer = writer
        self.order = order
        self.next = 0
        self.held: dict[str, str] = {}

    def add(self, name: str, chunk: str) -> None:
        self.held[name] = chunk
        while self.next < len(self.order) and self.order[self.next] in self.held:
            self.writer.part(self.held.pop(self.order[self.next]))
            self.next += 1


def stream_check(
    args: argparse.Namespace,
    checker: CheckRun,
    options: RunOptions,
    out: TextIO,
    err: TextIO,
    *,
    color: bool,
) -> int | None:
    """Lint `args.paths` and write the report as files finish; the exit status, or None when
    the output cannot be written in order (an ignore file shown under a checked file's name):
    the caller then takes the collected path."""
    groups, errors = checker.groups(args.paths, options)
    late_names = list(dict.fromkeys(checker.ignore_file_names()))
    names = [f.as_posix() for _, group in groups for f in group]
    jsonl = args.format == "jsonl"
    if not jsonl and set(late_names) & set(names):
        return None
    # A bar and a report on one terminal garble each other: jsonl goes out as it comes (no
    # bar), the others are held until the bar is gone.
    bar_on = is_terminal(err) and not (jsonl and is_terminal(out))
    hold = bar_on and is_terminal(out) and not jsonl
    sink: TextIO = io.StringIO() if hold else out
    writer = stream_writer(args.format, sink, color=color, show_all=args.show_all)
    in_order = _InOrder(writer, sorted(names + late_names)) if writer.ordered else None
    documents: list[DocumentInfo] = []
    counts: Counter[CountKey] = Counter()
    with_findings: list[str] = []
    writer.head()
    with ProgressBar(err, enabled=bar_on, color=color) as bar:
        results = checker.results(groups, options, writer.encode)
        for done, result in enumerate(results, 1):
            if result.info is not None:
                documents.append(result.info)
            errors.extend(result.errors)
            counts.update(result.counts)
            if result.counts:
                with_findings.append(result.display)
            if in_order is None:
                writer.part(result.chunk or "")
            else:
                in_order.add(result.display, result.chunk or "")
            bar.update(done, len(names))
    late = checker.unused_ignore_entries()
    counts.update(Counter((v.rule, v.category, v.severity, v.fix is not None) for v in late))
    if in_order is None:
        if late:
            writer.part(writer.encode(late, None))
    else:
        by_name: dict[str, list[Violation]] = {name: [] for name in late_names}
        for v in sorted(late, key=Violation.sort_key):
            by_name.setdefault(v.path, []).append(v)
        for name, found in by_name.items():
            in_order.add(name, writer.encode(found, None))
    documents.sort(key=lambda d: d.path)
    by_severity: Counter[Severity] = Counter()
    for (_, _, level, _), n in counts.items():
        by_severity[level] += n
    fixable = sum(n for (_, _, _, fix), n in counts.items() if fix)
    docx = (name for name in with_findings if name.lower().endswith(".docx"))
    first_docx = min(docx, default=None)
    writer.tail(Totals(documents, errors, by_severity, fixable, first_docx))
    if hold:
        out.write(sink.getvalue())
    return after_output(args, checker, errors, documents, counts, out, err)


def after_output(
    args: argparse.Namespace,
    checker: CheckRun,
    errors: Sequence[FileError],
    documents: Sequence[DocumentInfo],
    counts: Mapping[CountKey, int],
    out: TextIO,
    err: TextIO,
) -> int:
    """What follows the report: errors the format does not carry, --statistics, the notes on
    suppressed and baselined findings and on skipped files; returns the exit status."""
    if not trait(args.format, "carries_errors"):
        for e in errors:
            err.write(f"{e.path}: 无法检查：{e.message}\n")
    if args.statistics:
        from ..formats.statistics import write_statistics

        stream = err if trait(args.format, "machine") else out
        write_statistics(counts, stream, list(documents))
    notes = []
    if checker.suppressed:
        notes.append(f"{checker.suppressed} 个问题被抑制指令或忽略文件抑制")
    if checker.baselined:
        notes.append(f"{checker.baselined} 个问题已在基线中")
    if notes and args.format == "text":
        out.write("（" + "；".join(notes) + "）\n")
    skipped = skipped_note(checker.skipped_types)
    if skipped:
        err.write(f"lintreport: {skipped}\n")
    run = checker.resolver.run_settings()
    return exit_status(
        bool(errors), counts, run.fail_on or "error", run.max_warnings, args.exit_zero
    )
