"""JSON Lines: one violation object per line, the same fields as the JSON contract's violations.

Meant for streaming consumers (`jq -c`, log shippers): each line is flushed as it is written,
and the CLI can call `write_violations` file by file as the run proceeds. Files that could not be
checked are not violations; the CLI reports them on stderr and with exit status 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..model import RunResult, Violation
from ..record import record
from .json_format import violation_dict


def write_violations(violations: Iterable[Violation], stream: TextIO) -> None:
    for v in violations:
        stream.write(json.dumps(violation_dict(v), ensure_ascii=False) + "\n")
    stream.flush()


@record(frozen=True)
class JsonlFormatter:
    name: str = "jsonl"
    carries_errors: bool = False
    machine: bool = True

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None:
        write_violations(result.violations, stream)


FORMATTER = JsonlFormatter()
