"""Standard input: `lintreport check - --stdin-filename draft.md`, for editor scripts and pipes.

The bytes on stdin are decoded exactly as a file called `--stdin-filename` would be (its
extension picks text, Markdown or .docx; UTF-8, BOM and GB18030 are detected), and reported
under that name. With `--fix`, stdin cannot be rewritten in place, so the fixed text goes to
stdout in the input's own encoding, BOM and line endings (as `ruff check --fix -` does) and the
report of what is left goes to stderr; a .docx is never fixed and is echoed unchanged. With
`--diff`, the diff goes to stdout and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from ..checks.base import relation_tally
from ..document.document import Document
from ..document.inputs import DOCX, decode_input, load_bytes, max_input_bytes
from ..errors import InputError
from ..model import FileError, RunResult
from ..pack import Pack, Rule
from ..record import record
from .fixer import fix_file
from .runner import (
    RunOptions,
    document_info,
    lint_document,
    load_previous,
    select_rules,
    table_layouts,
)

STDIN = "-"


@record(frozen=True)
class StdinRun:
    """What checking standard input produced."""

    result: RunResult
    output: bytes | None = None  # with --fix: the (fixed) input to write to stdout
    diff: str = ""  # with --diff: the unified diff of the safe fixes
    applied: int = 0


def read_stdin(stream: BinaryIO, name: str | None, max_bytes: int | None = None) -> bytes:
    """Read standard input, but never more than one byte past the limit (then load refuses)."""
    return stream.read((max_bytes or max_input_bytes(name or STDIN)) + 1)


def run_stdin(
    data: bytes,
    name: str | None,
    packs: Sequence[Pack],
    options: RunOptions,
    *,
    fix: bool = False,
    diff: bool = False,
    fix_rules: Sequence[Rule] | None = None,
) -> StdinRun:
    """Lint (and with `fix`/`diff`, fix) the bytes read from stdin, reported as `name`.

    `fix_rules` are the rules whose fixes may be applied (the caller's policy: suppressed
    findings are not fixed); by default the rules that lint.
    """
    display = name or STDIN
    rules = select_rules(packs, options.select, options.ignore)
    try:
        doc = load_bytes(
            data,
            display,
            year=options.year,
            report_type=options.report_type,
            max_bytes=options.max_bytes,
        )
        previous = load_previous(options)
        doc.previous = previous
    except InputError as exc:
        result = RunResult((), (), (FileError(exc.path, exc.message),))
        return StdinRun(result, output=data if fix else None)
    output: bytes | None = None
    patch = ""
    applied = 0
    if (fix or diff) and not display.lower().endswith(DOCX):
        fixed = fix_file(doc, rules if fix_rules is None else fix_rules, packs, write=False)
        applied = fixed.applied
        if diff:
            patch = fixed.diff()
        if fix and fixed.after != doc.text:
            output = doc.source.encode(fixed.after)
            # the fixed text was checked for size as input; a fix may add a few bytes
            doc = Document(
                decode_input(output, display), year=options.year, report_type=options.report_type
            )
            doc.previous = previous
    if fix and output is None:
        output = data
    tally = relation_tally()
    violations, errors = lint_document(doc, rules, packs, tally)
    texts = {doc.path: doc.text} if options.keep_text else {}
    tables = table_layouts(doc) if options.keep_tables else ()
    result = RunResult(
        (document_info(doc, tally=tally),),
        tuple(violations),
        tuple(errors),
        texts,
        {doc.path: tables} if tables else {},
    )
    return StdinRun(result, output=output, diff=patch, applied=applied)
