"""Apply safe fixes: never two overlapping edits, never a change of encoding, BOM or line endings.

A file is written atomically (temporary file in the same directory, then rename) with its
permissions kept, so an interrupted run leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..document.document import Document
from ..document.source import read_regular
from ..errors import InputError
from ..model import Violation
from ..pack import Pack, Rule
from ..record import record
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


class FixRefused(InputError):
    """--fix left a file alone on purpose (changed meanwhile, read-only, a hard link…)."""


@record(frozen=True)
class Snapshot:
    """A file as it was read for fixing: what must still hold just before it is replaced."""

    size: int
    mtime_ns: int
    inode: int
    device: int
    digest: str

    @classmethod
    def of(cls, data: bytes, st: os.stat_result) -> Snapshot:
        return cls(
            st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, hashlib.sha256(data).hexdigest()
        )


def read_for_fix(path: Path, name: str, max_bytes: int) -> tuple[bytes, Snapshot]:
    """The bytes of `path` (a regular file, symlinks followed) and their snapshot."""
    data, st = read_regular(path, name, max_bytes)
    return data, Snapshot.of(data, st)


def _unchanged(target: Path, snapshot: Snapshot, name: str) -> os.stat_result:
    """The status of `target` if it is still what was read; else FixRefused."""
    changed = FixRefused(name, "文件在检查期间被修改，未写入修复（请重新运行 --fix）")
    try:
        with open(target, "rb") as handle:
            st = os.fstat(handle.fileno())
            same = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) == (
                snapshot.size,
                snapshot.mtime_ns,
                snapshot.inode,
                snapshot.device,
            )
            if not same or hashlib.sha256(handle.read()).hexdigest() != snapshot.digest:
                raise changed
    except OSError:
        raise changed from None
    return st


def write_fixed(path: Path, data: bytes, snapshot: Snapshot, name: str) -> None:
    """Replace the file at `path` with `data`, or raise FixRefused and leave it untouched.

    A symlink keeps being a symlink: its target is fixed. A file with other hard links, a
    read-only file (by its mode, also for root) and a file changed since it was read are left
    alone with a message. The new file keeps owner, group and mode; where the owner cannot be
    kept, setuid/setgid are not carried over to the new owner.
    """
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise FixRefused(name, "文件已不存在或符号链接无效，未写入修复") from None
    st = _unchanged(target, snapshot, name)
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixRefused(name, "文件为只读，未修改（如需修复请先取消只读）")
    if st.st_nlink > 1:
        raise FixRefused(
            name, f"文件有 {st.st_nlink} 个硬链接，替换会断开链接，未修改（请手工修改）"
        )
    if hasattr(os, "geteuid") and os.geteuid() != 0 and not os.access(target, os.W_OK):
        raise FixRefused(name, "没有写入权限，未修改")
    try:
        write_atomic(target, data, st, lambda: _unchanged(target, snapshot, name))
    except PermissionError:
        raise FixRefused(name, "所在目录不可写，无法安全替换文件，未修改") from None
    except OSError as exc:
        raise FixRefused(name, f"写入失败，未修改：{exc.strerror or exc}") from None


def write_atomic(
    path: Path,
    data: bytes,
    st: os.stat_result | None = None,
    still_same: Callable[[], object] | None = None,
) -> None:
    """Replace `path` with `data` atomically, keeping its mode, owner and group.

    `still_same` runs just before the rename and raises to abandon the write.
    """
    st = st or path.stat()
    mode = stat.S_IMODE(st.st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintreport", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if hasattr(os, "chown"):
            try:
                # before chmod: chown clears setuid/setgid on Linux
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                # The new file belongs to us, not to the file's owner: a setuid/setgid bit
                # would now grant our rights. Never carry it over.
                mode &= ~(stat.S_ISUID | stat.S_ISGID)
        os.chmod(tmp, mode)
        if still_same is not None:
            still_same()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@record(frozen=True)
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


@record(frozen=True)
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
    doc: Document,
    rules: Sequence[Rule],
    packs: Sequence[Pack],
    *,
    write: bool,
    snapshot: Snapshot | None = None,
) -> FileFix:
    """Fix one document; with `write`, replace the file atomically in its own encoding.

    `snapshot` is the file as it was read (read_for_fix): required to write, so that an edit
    made meanwhile is never overwritten.
    """
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
        if snapshot is None:
            raise ValueError("fix_file(write=True) needs the snapshot of the file as read")
        write_fixed(Path(doc.path), data, snapshot, doc.path)
    return FileFix(doc.path, doc.text, after, counts)
