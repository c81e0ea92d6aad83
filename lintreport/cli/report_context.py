"""What the page formats need to know beyond a RunResult: each rule's `explain` text and the
names of the report types. Built here because only the command layer may produce the
`lintreport explain` text; formatters receive it through their descriptors."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Sequence

from ..formats import RuleInfo, trait
from ..pack import Pack
from ..policy.checkrun import CheckRun


def _packs(checker: CheckRun) -> list[Pack]:
    seen: dict[str, Pack] = {}
    for packs in checker.pack_cache.values():
        for pack in packs:
            seen.setdefault(pack.path, pack)
    return list(seen.values())


def explained(infos: Sequence[RuleInfo], packs: Iterable[Pack]) -> tuple[RuleInfo, ...]:
    """`infos`, each with the text `lintreport explain` prints for it where a pack has the rule."""
    home: dict[str, Pack] = {}
    for pack in packs:  # a rule two packs include is explained as its first pack has it
        for rule in pack.rules:
            home.setdefault(rule.id, pack)
    from .explain import explain_rule  # only for the formats that explain rules (html)

    out = []
    for info in infos:
        pack = home.get(info.id)
        if pack is None:  # a rule that lives in code (unused-suppression): its descriptor says it
            out.append(info)
            continue
        text = io.StringIO()
        explain_rule([pack], info.id, text)
        out.append(dataclasses.replace(info, explanation=text.getvalue().rstrip("\n")))
    return tuple(out)


def rule_descriptors(fmt: str, checker: CheckRun) -> tuple[RuleInfo, ...]:
    infos = checker.rule_infos()
    if trait(fmt, "explains_rules"):
        return explained(infos, _packs(checker))
    return infos


def report_type_names(checker: CheckRun) -> dict[str, str]:
    """Report type id -> the name of the pack that checks it (法治政府建设年度报告)."""
    names: dict[str, str] = {}
    for pack in _packs(checker):
        if pack.report_type:
            names.setdefault(pack.report_type, pack.name)
    return names
