"""Rule names and report types checked against the loaded packs, before anything is linted.

A name that matches no rule, alias or category (in --select/--ignore or a configuration's
select, ignore, severity, per_file_ignores) and a report type no pack declares would silently
turn rules off: both stop the run, at the configuration key that holds them where there is one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import PackIssue, UsageError
from ..pack import Pack
from ..pack.schema import did_you_mean
from ..run.runner import unknown_report_type
from .config import ConfigError
from .settings import Overrides, Settings


def check_report_type(o: Overrides, s: Settings, packs: Sequence[Pack]) -> None:
    """A report type that no loaded pack declares would silently turn every rule off."""
    message = unknown_report_type(s.report_type, packs)
    if message is None:
        return
    if o.report_type is not None or s.config is None:
        raise UsageError(message)
    src = s.config.source("report_type") or s.config
    line, col = src.positions.get("report_type", (1, 1))
    raise ConfigError([PackIssue(src.shown, line, col, message)])


def check_names(o: Overrides, s: Settings, known: frozenset[str]) -> None:
    """Every rule name must exist; names from a configuration are reported at their key."""
    for name in (*o.select, *o.ignore):
        if name not in known:
            raise UsageError(f"未知的规则或类别“{name}”" + did_you_mean(name, known))
    if s.config is None:
        return
    data = s.config.data
    named: list[tuple[str, Iterable[str]]] = [
        ("select", data.select),
        ("ignore", data.ignore),
        ("severity", data.severity),
        ("per_file_ignores", (r for rules in data.per_file_ignores.values() for r in rules)),
    ]
    issues: list[PackIssue] = []
    for key, names in named:
        for name in names:
            if name in known:
                continue
            src = s.config.source(key) or s.config
            entry = src.entry_positions.get(key, {}).get(name)
            line, col = entry or src.positions.get(key, (1, 1))
            message = f"“{key}”中未知的规则或类别“{name}”" + did_you_mean(name, known)
            issues.append(PackIssue(src.shown, line, col, message))
    if issues:
        raise ConfigError(issues)
