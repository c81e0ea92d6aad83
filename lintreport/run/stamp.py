"""Findings → violations: the runner's work per finding, the hot loop of a run.

A corpus report yields ~140 findings; a run over 2,000 reports converts ~280,000. Per rule and
document, the findings are deduplicated, their positions computed in one call, and each message
rendered once per distinct (template, arguments): most findings of one rule in one document
repeat a message (the same half-width comma, the same outdated title).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..document.document import Document
from ..messages import render_finding
from ..model import Finding, Fix, Violation, make_violation
from ..pack import Rule


def stamp(
    doc: Document,
    rule: Rule,
    findings: Sequence[Finding],
    doc_values: Mapping[str, object],
    seen: set[tuple[str, int, int]],
    can_fix: bool,
    out: list[Violation],
) -> None:
    """Append `rule`'s `findings` on `doc` to `out` as violations; `seen` holds (rule, start,
    end) of those already reported, so a span is reported once per rule."""
    rule_id, category, rule_severity = rule.id, rule.category, rule.severity
    template, rule_fix = rule.message, rule.fix
    fresh: list[Finding] = []
    for f in findings:
        key = (rule_id, f.start, f.end)
        if key not in seen:
            seen.add(key)
            fresh.append(f)
    positions = doc.span_positions([(f.start, f.end) for f in fresh])
    messages: dict[object, str] = {}
    path, append = doc.path, out.append
    for f, (line, column, end_line, end_column) in zip(fresh, positions, strict=True):
        shape = f.message or template
        args = f.args
        try:
            key: object = (shape, *args.items()) if args else shape
            message = messages.get(key)
        except TypeError:  # an unhashable argument: rendered each time
            key, message = None, None
        if message is None:
            message = render_finding(shape, args, doc_values)
            if key is not None:
                messages[key] = message
        suggestion = f.suggestion
        fix = None
        if f.replacement is not None and rule_fix != "none":
            if rule_fix == "safe" and can_fix:
                fix = Fix(f.replacement, safe=True)
            else:
                # Unsafe fixes, and fixes to files we cannot rewrite, are shown as suggestions.
                suggestion = suggestion or f.replacement
        append(
            make_violation(
                path,
                line,
                column,
                end_line,
                end_column,
                rule_id,
                category,
                f.severity or rule_severity,
                message,
                suggestion,
                fix,
                f.start,
                f.end,
            )
        )
