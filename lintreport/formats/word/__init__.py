"""A reviewed copy of a report as Word: findings as comments, safe fixes as tracked changes.

The drafter's own .docx (or a new one made from a .txt/.md, one paragraph per line) is written
again with every finding as a comment by `lintreport` on exactly the characters it reports, and,
when asked, every safe fix as a tracked change the drafter accepts or rejects in Word or WPS.
Like every formatter this decides nothing: the caller gives the findings (after its policy) and
the edits, and gets the bytes of the copy; writing the file is the caller's business.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ...document.docx_reader import MAX_UNCOMPRESSED
from ...model import Severity, Violation
from ..descriptors import RuleInfo
from .cleanup import remove_own_markup
from .markup import AUTHOR, Edit, Note, mark_up

_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
# Characters XML 1.0 cannot hold; a text draft may carry them (\v, \f), a .docx cannot.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Annotated:
    data: bytes
    comments: int
    changes: int


def comment_text(v: Violation, rule: RuleInfo | None, edit: Edit | None) -> str:
    """What the drafter reads in the margin: the problem, what to write, the rule and its basis."""
    lines = [f"【{_LABEL[v.severity]}】{v.message}"]
    if edit is not None:
        lines.append(f"已作为修订改为“{edit.replacement}”，可在“审阅”中接受或拒绝。")
    elif v.suggestion:
        lines.append(f"建议：{v.suggestion}")
    lines.append(f"规则：{v.rule}")
    if rule is not None and rule.source:
        lines.append(f"依据：{rule.source}")
    return "\n".join(lines)


def paragraph_count(data: bytes) -> int | None:
    """An upper bound of the paragraphs of a .docx, found without parsing it (None: unknown).

    Reading a .docx costs per paragraph; this lets the caller refuse a file of a hundred
    thousand paragraphs at once. A member larger than the reader accepts is left to the reader.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_UNCOMPRESSED:
                return None
            xml = archive.read(info)
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return None  # the reader says what is wrong with it
    return xml.count(b"<w:p>") + xml.count(b"<w:p ")


def has_own_markup(data: bytes) -> bool:
    """Whether an earlier annotation may be inside: its author's name in the XML (cheap)."""
    marker = f'w:author="{AUTHOR}"'.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the reader has accepted it already
        names = {"word/document.xml", "word/comments.xml"} & set(archive.namelist())
        return any(marker in archive.read(name) for name in names)


def without_own_markup(data: bytes) -> bytes | None:
    """The .docx without an earlier annotation's comments and changes; None if it had none."""
    import docx

    document = docx.Document(io.BytesIO(data))
    if not remove_own_markup(document):
        return None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _new_document(lines: Sequence[str]):  # -> docx.document.Document
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(_NOT_XML.sub("\ufffd", line))  # same length: offsets hold
    return document


def annotate(
    data: bytes | None,
    text: str,
    violations: Sequence[Violation],
    edits: Sequence[Edit],
    rules: Mapping[str, RuleInfo],
    when: datetime,
) -> Annotated:
    """The annotated copy of `data` (a .docx), or of `text` as a new .docx when `data` is None.

    `text` is the document text the violations' offsets refer to; `edits` are tracked changes,
    each the safe fix of the violation with the same span (if any).
    """
    import docx

    lines = text.split("\n")
    document = _new_document(lines) if data is None else docx.Document(io.BytesIO(data))
    by_span = {(e.start, e.end): e for e in edits}
    notes = [
        Note(v.start, v.end, comment_text(v, rules.get(v.rule), by_span.get((v.start, v.end))))
        for v in violations
    ]
    mark_up(document, lines, notes, edits, when)
    out = io.BytesIO()
    document.save(out)
    return Annotated(out.getvalue(), len(notes), len(edits))


__all__ = [
    "AUTHOR",
    "Annotated",
    "Edit",
    "annotate",
    "comment_text",
    "has_own_markup",
    "paragraph_count",
    "without_own_markup",
]
