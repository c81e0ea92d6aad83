"""Content fingerprints of a finding: rule, path, matched text and its context, never positions.

Baselines (policy) and SARIF `partialFingerprints` (formats) must agree on them, so they live
below both.
"""

from __future__ import annotations

import hashlib

CONTEXT = 8  # code points of context on each side, within the line


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, matched, after) around `[start, end)`, the context cut at line breaks."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    before = text[max(line_start, start - CONTEXT) : start]
    after = text[end : min(line_end, end + CONTEXT)]
    return before, text[start:end], after


def fingerprint(rule: str, path: str, text: str, start: int, end: int) -> str:
    """A stable hex digest of rule, path, matched text and its context; no positions."""
    before, matched, after = context(text, start, end)
    key = "\0".join((rule, path, before, matched, after))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
