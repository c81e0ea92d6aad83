"""Rule descriptors: what a formatter may know about a rule, without loading any pack.

The CLI builds them from the loaded packs (`rule_infos`) and hands them to formatters that
describe rules (SARIF's `tool.driver.rules`); formatters never import the pack loader.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Category, Severity
from ..record import record

if TYPE_CHECKING:
    from ..pack import Rule


@record(frozen=True, slots=True)
class RuleInfo:
    """The user-facing description of one rule."""

    id: str
    category: Category
    severity: Severity
    message: str  # the message template, placeholders unrendered
    description: str | None = None
    source: str | None = None
    link: str | None = None
    fix: str = "none"  # none | safe | unsafe
    title: str | None = None  # short Chinese name
    # What `lintreport explain` prints for the rule; the CLI fills it in for formats that show
    # it (html), since building it needs the command layer.
    explanation: str | None = None


def rule_infos(rules: Iterable[Rule]) -> tuple[RuleInfo, ...]:
    """Descriptors of `rules`, in their order, each id once."""
    seen: dict[str, RuleInfo] = {}
    for r in rules:
        seen.setdefault(
            r.id,
            RuleInfo(
                id=r.id,
                category=r.category,
                severity=r.severity,
                message=r.message,
                description=r.description,
                source=r.source,
                link=r.link,
                fix=r.fix,
                title=r.title,
            ),
        )
    return tuple(seen.values())
