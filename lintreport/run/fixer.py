"""Apply safe fixes: never two overlapping edits, never a change of encoding, BOM or line endings.

A file is written atomically (temporary file in the same directory, then rename) with its
permissions kept, so an interrupted run leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..document.document import Document
from ..errors import InputError
from ..model import Violation
from ..pack import Pack, Rule
from .runner import lint_document


def apply_fixes(text: str, violations: Iterable[Violation]) -> tuple[str, int]:
    """Apply the safe fixes of `violations` to `text`; returns (new text, fixes applied).

    Edits are applied from the start; an edit that overlaps one already taken is skipped (the
    next run picks it up), so the result never depends on the order rules ran in.
    """
    edits = sorted(
        {
            (v.start, v.end, v.fix.replacement)
            for v in violations
            if v.fix is not None and v.fix.safe
        },
        key=lambda e: (e[0], e[1]),
    )
    # A fix never adds or removes a line, so line endings can be restored exactly.
    edits = [e for e in edits if "\n" not in e[2] and "\n" not in text[e[0] : e[1]]]
    parts: list[str] = []
    cursor = 0
    applied = 0
    for start, end, replacement in edits:
        if start < cursor or text[start:end] == replacement:
            continue
        parts.append(text[cursor:start])
        parts.append(replacement)
        cursor = end
        applied += 1
    parts.append(text[cursor:])
    return "".join(parts), applied


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintreport", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class FixCounts:
    """What a fix run did, so the summary can explain why edits and findings differ."""

    applied: int  # edits made, over all passes
    fixable: int  # findings with a safe fix before fixing
    shared: int  # of those, findings whose edit is the same as another finding's
    left: int  # findings with a safe fix still there afterwards (conflicting edits)


def _safe_edits(violations: Iterable[Violation]) -> list[tuple[int, int, str]]:
    return [
        (v.start, v.end, v.fix.replacement) for v in violations if v.fix is not None and v.fix.safe
    ]


def fix_text(
    doc: Document,
    rules: Sequence[Rule],
    packs: Sequence[Pack],
    max_passes: int = 10,
    *,
    can_fix: bool | None = None,
) -> tuple[str, FixCounts]:
    """Apply safe fixes to `doc` until none is left (overlaps are picked up by later passes).

    `can_fix` as `fixable` of `lint_document`: True fixes the text of a .docx for its tracked
    changes.
    """
    text = doc.text
    total = 0
    fixable = shared = left = 0
    for number in range(max_passes):
        current = Document(
            dataclasses.replace(doc.source, text=text),
            year=doc.year_override,
            report_type=doc.type_override,
        )
        violations, _ = lint_document(current, rules, packs, fixable=can_fix)
        edits = _safe_edits(violations)
        if number == 0:
            fixable, shared = len(edits), len(edits) - len(set(edits))
        text, applied = apply_fixes(text, violations)
        left = len(edits)
        if applied == 0:
            break
        total += applied
    else:
        violations, _ = lint_document(
            Document(
                dataclasses.replace(doc.source, text=text),
                year=doc.year_override,
                report_type=doc.type_override,
            ),
            rules,
            packs,
        )
        left = len(_safe_edits(violations))
    return text, FixCounts(total, fixable, shared, left)


@dataclass(frozen=True)
class FileFix:
    """The outcome of fixing one file."""

    path: str
    before: str
    after: str
    counts: FixCounts

    @property
    def applied(self) -> int:
        return self.counts.applied

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.path.lstrip('/')}",
                tofile=f"b/{self.path.lstrip('/')}",
            )
        )


def fix_file(
    doc: Document, rules: Sequence[Rule], packs: Sequence[Pack], *, write: bool
) -> FileFix:
    """Fix one document; with `write`, replace the file atomically in its own encoding."""
    after, counts = fix_text(doc, rules, packs)
    if write and counts.applied and after != doc.text:
        data = doc.source.encode(after)
        # NOTE: decoding the bytes we are about to write must give back the fixed text; if the
        # encoding cannot represent a replacement, refuse rather than damage the file.
        if (
            doc.source.encoding != "utf-8"
            and data.decode(doc.source.encoding)
            .replace("\r\n", "\n")
            .replace("\r", "\n")
            .removeprefix("\ufeff")
            != after
        ):
            raise InputError(
                doc.path, f"修复后的文本无法用原编码 {doc.source.encoding} 保存，未修改文件"
            )
        write_atomic(Path(doc.path), data)
    return FileFix(doc.path, doc.text, after, counts)
