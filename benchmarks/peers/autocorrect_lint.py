"""Lint text files with autocorrect-py, the way `lintreport check` is run in the benchmark.

    python benchmarks/peers/autocorrect_lint.py FILE_OR_DIR...

autocorrect-py is a library (the Python binding of AutoCorrect), not a command: this is the
smallest command around it, so the side-by-side rows of bench.py time whole processes alike.
Each finding is printed as one JSON line (path, line, column, old, new, severity), like
lintreport's and textlint's JSON output. Exit status 1 when something was found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import autocorrect_py


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        out.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return out


def main() -> int:
    found = 0
    write = sys.stdout.write
    for path in files(sys.argv[1:]):
        result = autocorrect_py.lint_for(path.read_text(encoding="utf-8"), str(path))
        for item in result.lines:
            record = [str(path), item.line, item.col, item.old, item.new, str(item.severity)]
            write(json.dumps(record, ensure_ascii=False) + "\n")
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
