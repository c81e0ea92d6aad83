"""Baselines for gradual adoption: record today's findings, then fail only on new ones.

A finding's fingerprint is its rule, its file, the matched text and a little context on the same
line, never its line number, so findings survive lines moving when text is added above them.
Fingerprints are compared as a multiset: if the baseline holds two identical findings and the
file now has three, one is new (the last by position, as later text is the likelier addition).

Paths in the baseline file are relative to the baseline's own directory, so the same file works
whatever directory the command is run from.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import UsageError
from ..fingerprint import fingerprint
from ..model import Violation
from ..record import record

VERSION = 1


def _rel(path: str, base: Path) -> str:
    """`path` relative to `base` in POSIX form, or as given when on another drive."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:
        return Path(path).as_posix()


@record(frozen=True)
class Baseline:
    """Known findings: fingerprint → how many times it occurred when the baseline was written."""

    counts: Mapping[str, int]
    base: Path  # the directory paths are relative to

    def key(self, v: Violation, text: str) -> str:
        return fingerprint(v.rule, _rel(v.path, self.base), text, v.start, v.end)

    def new_findings(
        self, violations: Iterable[Violation], texts: Mapping[str, str]
    ) -> list[Violation]:
        """The violations not covered by the baseline (a finding without text is always new)."""
        left = Counter(self.counts)
        out: list[Violation] = []
        for v in sorted(violations, key=Violation.sort_key):
            text = texts.get(v.path)
            if text is not None:
                k = self.key(v, text)
                if left[k] > 0:
                    left[k] -= 1
                    continue
            out.append(v)
        return out


def load_baseline(path: Path) -> Baseline:
    """Read a baseline written by `write_baseline`; a bad file is a usage error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"基线文件不存在：{path}（先用 --write-baseline 生成）") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"无法读取基线文件 {path}：{exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != VERSION:
        raise UsageError(f"基线文件 {path} 不是 lintreport 基线（version {VERSION}）")
    counts: Counter[str] = Counter()
    for e in entries:
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise UsageError(f"基线文件 {path} 中的条目无效：{e!r}")
        count = e.get("count", 1)
        counts[e["fingerprint"]] += count if isinstance(count, int) and count > 0 else 1
    return Baseline(counts, path.parent)


def write_baseline(path: Path, violations: Iterable[Violation], texts: Mapping[str, str]) -> int:
    """Write every violation's fingerprint to `path`; returns how many findings it holds.

    Entries keep rule, path and matched text beside the fingerprint so a reviewer can read the
    file's diff; only the fingerprint and count are used when comparing.
    """
    base = path.parent
    grouped: dict[str, dict[str, object]] = {}
    total = 0
    for v in violations:
        text = texts.get(v.path)
        if text is None:
            continue
        rel = _rel(v.path, base)
        fp = fingerprint(v.rule, rel, text, v.start, v.end)
        entry = grouped.setdefault(
            fp, {"path": rel, "rule": v.rule, "text": text[v.start : v.end], "count": 0}
        )
        entry["count"] = int(str(entry["count"])) + 1
        total += 1
    entries = [
        {"fingerprint": fp, **e}
        for fp, e in sorted(grouped.items(), key=lambda kv: (kv[1]["path"], kv[1]["rule"], kv[0]))
    ]
    data = {"version": VERSION, "tool": "lintreport", "entries": entries}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return total
