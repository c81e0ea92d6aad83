"""Time `lintreport annotate` on a 20-page report (target: under 1 s), see docs/performance.md.

    python benchmarks/bench_annotate.py            # median of 5 runs
    python benchmarks/bench_annotate.py --runs 9

The report is made from the seeds: about 12,400 characters (20 pages of GB/T 9704's 22 lines
of 28 characters), headings in Word heading styles, each body paragraph in three runs with the
middle one bold, and a 10-row table. Measured, as medians of wall time:
- the command as a user runs it (`annotate --track-changes --force`), start-up included, and
  its CPU time (on a shared machine the wall time includes waiting for a core);
- in process, with the packs loaded: the whole annotation of the file, and its parts: reading
  and checking (`load_document` + `lint_document`) and writing the copy (`formats.word.annotate`).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE_CHARS = 22 * 28
PAGES = 20
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def report_docx(path: Path) -> int:
    """Write the 20-page report; returns its number of characters."""
    import docx

    document = docx.Document()
    total = 0
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").split("\n"):
            if total >= PAGES * PAGE_CHARS:
                break
            if _HEADING.match(line):
                document.add_paragraph(line, style="Heading 1")
            elif len(line) > 30:
                p = document.add_paragraph(line[:10])
                p.add_run(line[10:20]).bold = True
                p.add_run(line[20:])
            else:
                document.add_paragraph(line)
            total += len(line)
    table = document.add_table(rows=10, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"第{i + 1}项,情况{j}"
    document.save(path)
    return total


def median(runs: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from lintreport.cli.annotate import annotate_file
    from lintreport.document.document import Document
    from lintreport.document.inputs import load_document
    from lintreport.formats.word import annotate
    from lintreport.model import Violation
    from lintreport.policy.checkrun import CheckRun
    from lintreport.policy.settings import Overrides, Resolver
    from lintreport.run.runner import lint_document

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "报告.docx"
        chars = report_docx(source)
        cmd = [sys.executable, "-m", "lintreport", "annotate", "--track-changes", "--force"]
        cpu: list[float] = []

        def run_command() -> None:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([*cmd, str(source)], check=True, capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

        command = median(args.runs, run_command)
        checker = CheckRun(Resolver(Overrides(isolated=True)))
        ns = argparse.Namespace(output_file=None, track_changes=True, force=True)
        now = datetime.now(UTC)
        written, _ = annotate_file(source, checker, ns, now)  # loads the packs once
        whole = median(args.runs, lambda: annotate_file(source, checker, ns, now))
        _, ruleset = checker.for_file(source)

        def read_and_check() -> tuple[Document, list[Violation]]:
            doc = load_document(source)
            return doc, lint_document(doc, ruleset.rules, ruleset.packs, fixable=True)[0]

        reading = median(args.runs, read_and_check)
        doc, found = read_and_check()
        data = source.read_bytes()
        writing = median(args.runs, lambda: annotate(data, doc.text, found, [], {}, now))

    print(f"20-page report: {chars} characters, {written.comments} comments, "
          f"{written.changes} tracked changes")  # fmt: skip
    print("| step | median wall time (s) |")
    print("|---|---|")
    print(f"| `lintreport annotate --track-changes` (command, start-up included) | {command:.2f} |")
    print(f"| the same command, CPU time (user + system) | {statistics.median(cpu):.2f} |")
    print(f"| in process: the whole annotation | {whole:.2f} |")
    print(f"| in process: read the .docx and check it | {reading:.2f} |")
    print(f"| in process: write the copy with its comments | {writing:.2f} |")
    used = statistics.median(cpu)
    print(
        f"\ntarget: the command under 1 s — wall {command:.2f} s "
        f"({'met' if command < 1.0 else 'NOT met'}), CPU {used:.2f} s "
        f"({'met' if used < 1.0 else 'NOT met'}; on a busy shared machine the CPU time is what "
        "an idle one would take)"
    )


if __name__ == "__main__":
    main()
