"""Every rule's own examples, as tests: `pytest -k outdated-plan` runs one rule's."""

from __future__ import annotations

import pytest

from lintreport.pack import builtin_packs, load_packs
from lintreport.run.examples import check_example

_PACKS = load_packs(builtin_packs())
_CASES = [
    pytest.param(pack, rule, example, kind == "bad", id=f"{pack.id}/{rule.id}/{kind}-{i + 1}")
    for pack in _PACKS
    for rule in pack.rules
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for i, example in enumerate(examples)
]


@pytest.mark.parametrize(("pack", "rule", "example", "bad"), _CASES)
def test_example(pack, rule, example, bad) -> None:
    problems = check_example(rule, pack, example, bad=bad, context=_PACKS)
    assert not problems, f"{example.origin}: " + "；".join(problems)


@pytest.mark.parametrize(
    "rule", [r for p in _PACKS for r in p.rules], ids=lambda r: f"{r.pack}/{r.id}"
)
def test_rule_has_examples_both_ways(rule) -> None:
    assert rule.bad and rule.good, f"{rule.origin}: every rule needs bad and good examples"
    if rule.fix == "safe":
        assert any(ex.fixed is not None for ex in rule.bad), (
            f"{rule.origin}: a safe fix needs a `fixed` example"
        )
