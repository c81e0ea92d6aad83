"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run: `tool.driver` describes lintreport and every rule that was active (plus any rule that
produced a result), each with descriptions, help text naming its source, default level and
category; each result carries ruleId, level, message, one physical location with a full region
(columns in Unicode code points, declared by `columnKind`), a fix where the rule has a safe
replacement, and a content fingerprint that survives lines moving. Files that could not be
checked become tool execution notifications, and mark the invocation unsuccessful.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from ..fingerprint import fingerprint
from ..model import RunResult, Severity, Violation
from ..record import record
from ..version import REPOSITORY_URL, __version__
from .descriptors import RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for `path`: relative paths stay relative, others become file: URIs."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _text(value: str | None, fallback: str) -> dict[str, str]:
    return {"text": value.strip() if value and value.strip() else fallback}


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    full = (info.description or info.message).strip()
    # The short Chinese title is what viewers list; without one, the first line of the text.
    short = info.title or full.split("\n")[0]
    help_lines = [full]
    if info.source:
        help_lines.append(f"依据：{info.source}")
    if info.fix == "safe":
        help_lines.append("可用 lintreport check --fix 自动修复。")
    md_parts = [full]
    if info.source:
        md_parts.append(f"**依据**：{info.source}")
    md_parts.append(f"详见 `lintreport explain {info.id}`。")
    help_md = "\n\n".join(md_parts)
    out: dict[str, Any] = {
        "id": info.id,
        "name": info.title or info.id,
        "shortDescription": _text(short, info.id),
        "fullDescription": _text(full, info.id),
        "help": {"text": "\n".join(help_lines), "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": {
            "category": info.category.value,
            "tags": ["lintreport", info.category.value],
        },
    }
    if info.link:
        out["helpUri"] = info.link
    return out


def _region(v: Violation) -> dict[str, int]:
    return {
        "startLine": v.line,
        "startColumn": v.column,
        "endLine": v.end_line,
        "endColumn": v.end_column,
    }


def result_object(
    v: Violation, rule_index: int | None, text: str | None, occurrence: Counter[str]
) -> dict[str, Any]:
    message = v.message
    if v.path.lower().endswith(".docx"):
        # Word files have no lines: the position is a paragraph number, which viewers cannot
        # show inside the file, so the message names it.
        message += f"（第 {v.line} 段）"
    if v.suggestion and v.fix is None:
        message += f"\n建议：{v.suggestion}"
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(v.path)},
            "region": _region(v),
        }
    }
    out: dict[str, Any] = {"ruleId": v.rule}
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    out |= {
        "level": LEVEL[v.severity],
        "message": {"text": message},
        "locations": [location],
    }
    if text is not None:
        fp = fingerprint(v.rule, v.path, text, v.start, v.end)
        occurrence[fp] += 1
        # GitHub uses only primaryLocationLineHash to match alerts across runs; ours is built
        # from the matched text and its context, so an alert survives lines moving above it.
        out["partialFingerprints"] = {"primaryLocationLineHash": f"{fp}:{occurrence[fp]}"}
    if v.fix is not None:
        out["fixes"] = [
            {
                "description": {"text": f"替换为“{v.fix.replacement}”"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(v.path)},
                        "replacements": [
                            {
                                "deletedRegion": _region(v),
                                "insertedContent": {"text": v.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    out["properties"] = {"category": v.category.value}
    if v.suggestion:
        out["properties"]["suggestion"] = v.suggestion
    return out


def sarif_log(result: RunResult, rules: Sequence[RuleInfo] = ()) -> dict[str, Any]:
    infos = {r.id: r for r in rules}
    for v in result.violations:  # a result's rule must be described even if not passed in
        infos.setdefault(v.rule, RuleInfo(v.rule, v.category, v.severity, v.rule))
    index = {rule_id: i for i, rule_id in enumerate(infos)}
    occurrence: Counter[str] = Counter()
    results = [
        result_object(v, index.get(v.rule), result.texts.get(v.path), occurrence)
        for v in result.violations
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}
            ],
        }
        for e in result.errors
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "lintreport",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(r) for r in infos.values()],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "toolExecutionNotifications": notifications,
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


@record(frozen=True)
class SarifFormatter:
    name: str = "sarif"
    carries_errors: bool = True
    machine: bool = True
    describes_rules: bool = True
    needs_text: bool = True

    def render(
        self,
        result: RunResult,
        stream: TextIO,
        *,
        color: bool,
        rules: Sequence[RuleInfo] = (),
    ) -> None:
        json.dump(sarif_log(result, rules), stream, ensure_ascii=False, indent=2)
        stream.write("\n")


FORMATTER = SarifFormatter()
