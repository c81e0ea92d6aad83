"""Which files a directory argument stands for: by extension, minus what `.gitignore` ignores.

A drafts repository keeps exports, scratch copies and old versions out of git with `.gitignore`;
checking them would report findings nobody will fix. The walk reads the `.gitignore` of every
directory it enters and, inside a git work tree, those of the directories above it up to the
root of the work tree, with git's rules (pathspec's GitIgnoreSpec: a deeper file overrides a
shallower one, `!` re-includes). Files named on the command line are always checked.

Documents of a type lintreport cannot read (.doc, .wps, .pdf) are counted, not silently passed
over, so the CLI can say in one line what was skipped and what to do about it.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

from ..record import record

GITIGNORE = ".gitignore"

# Document types a drafter may keep next to the checkable ones, with what to do instead.
UNREADABLE_TYPES = {
    ".doc": "请另存为 .docx",
    ".wps": "请另存为 .docx",
    ".pdf": "请用原稿（.docx 或 .txt）检查",
}


@record
class Walk:
    """The files found under one directory and what was left out."""

    files: list[Path] = field(default_factory=list)
    skipped_types: Counter[str] = field(default_factory=Counter)  # ".doc" → count
    ignored: int = 0  # files left out by .gitignore
    unreadable: list[OSError] = field(default_factory=list)  # directories os.walk could not list


def _work_tree_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _load(directory: Path) -> GitIgnoreSpec | None:
    path = directory / GITIGNORE
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec  # ~12 ms: only when a .gitignore is read

    return GitIgnoreSpec.from_lines(lines)


class _Ignores:
    """The .gitignore files in force at one point of the walk, shallowest first."""

    def __init__(self, start: Path, respect: bool) -> None:
        self._respect = respect
        self._specs: dict[Path, GitIgnoreSpec] = {}
        if not respect:
            return
        top = start.resolve()
        root = _work_tree_root(top)
        if root is not None:
            for directory in reversed(top.relative_to(root).parents):
                self.enter(root / directory)

    def enter(self, directory: Path) -> None:
        if self._respect and directory not in self._specs:
            spec = _load(directory)
            if spec is not None:
                self._specs[directory] = spec

    def ignored(self, path: Path, *, is_dir: bool) -> bool:
        verdict: bool | None = None
        for base, spec in self._specs.items():
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                verdict = result.include
        return bool(verdict)


def walk_directory(
    directory: Path,
    extensions: tuple[str, ...],
    exclude_dirs: tuple[str, ...],
    *,
    respect_gitignore: bool = True,
) -> Walk:
    """Files under `directory` with one of `extensions`, sorted, minus ignored ones."""
    out = Walk()
    ignores = _Ignores(directory, respect_gitignore)
    resolved_top = directory.resolve()
    for dirpath, dirnames, filenames in os.walk(directory, onerror=out.unreadable.append):
        here = Path(dirpath)
        real = resolved_top / here.relative_to(directory)
        ignores.enter(real)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in exclude_dirs
            and not d.startswith(".")
            and not ignores.ignored(real / d, is_dir=True)
        )
        for name in sorted(filenames):
            if name.startswith((".", "~$")):
                continue
            lower = name.lower()
            suffix = os.path.splitext(lower)[1]
            wanted = lower.endswith(extensions)
            if not wanted and suffix not in UNREADABLE_TYPES:
                continue
            if ignores.ignored(real / name, is_dir=False):
                out.ignored += wanted
                continue
            if wanted:
                out.files.append(here / name)
            else:
                out.skipped_types[suffix] += 1
    out.files.sort()
    return out


def skipped_note(skipped: Counter[str]) -> str | None:
    """One line naming the files passed over for their type, and what to do about them."""
    if not skipped:
        return None
    parts = [
        f"跳过 {n} 个 {suffix} 文件：{UNREADABLE_TYPES[suffix]}"
        for suffix, n in sorted(skipped.items())
    ]
    return "；".join(parts)
