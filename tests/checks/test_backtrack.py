"""Which pack patterns run with the regex timeout: decided at load by checks/backtrack.py."""

from __future__ import annotations

import pytest

from lintreport.checks.backtrack import backtrack_risk
from lintreport.checks.base import PackPattern, compile_regex, regex_budget
from lintreport.pack import builtin_packs, load_packs

RISKY = [
    ("(a|a)+$", "nested or alternating repeats"),
    ("(a+)+", "nested or alternating repeats"),
    ("(a*)*", "nested or alternating repeats"),
    ("(?:ab|cd)+", "nested or alternating repeats"),
    ("(a?){40}a{40}", "repeated group that can match in several ways"),
    ("x(?:a{0,99}){4}", "repeated group that can match in several ways"),
    ("xa{0,99}a{0,99}a{0,99}", "many overlapping bounded repeats"),
    # tried from every position of a long run, each try scanning the rest: quadratic
    (r"\s*x", "unbounded repeat tried from every position"),
    (r"[^。]*?关键词", "unbounded repeat tried from every position"),
    (r"x.*y", "unbounded repeat tried from every position"),  # `.` takes x too
    (r"x[^。]*。", "unbounded repeat tried from every position"),
    (r"(?:,\d{3})+", "unbounded repeat tried from every position"),
    (r"(?m)^\s*x", "unbounded repeat tried from every position"),  # \s takes the newlines
    # two unbounded repeats that can split one run: every split is tried
    (r"国务院令\s*第?\s*492", "overlapping repeats"),
    (r"x\d+\d*y", "overlapping repeats"),
    (r"纲要\s*[（(]\s*2015\s*年?\s*[-至]+\s*2020", "overlapping repeats"),
    ("(?<=a+)b", "unbounded lookbehind"),
    (r"(\w)\1", "backreference, named list or named character"),
    ("(?P<w>x)(?P=w)", "group syntax not analysed"),
    ("(?i)abc", "inline flags"),
    ("a{e<=1}", "fuzzy matching"),
    ("[[a-z]--[aeiou]]+", "nested set in a character class"),
]

SAFE = [
    "国务院法制办(?:公室)?",
    "法制政府|法制",  # a term list
    r"截止(?=\s*(?:\d|[一二三]{1,4}年|目前))",  # anchored by 止, which \s cannot take
    r"x\d{1,3}(?:,\d{3})+",
    r"(?<![\dA-Za-z.])\d+(?:\.\d+)?",  # no try starts inside a run of digits
    r"中发\s*[〔【﹝\[［(（]\s*2015\s*[〕】﹞\]］)）]\s*36\s*号",
    r"(?m)^[ \t]*x",
    r"^\s*x",
    r"x\d+\s*y",  # the \s run starts where the digit run ends
    r"x(?:ab)+",
    r"(?:下降|减少)了?(?:[一二两]|\d+(?:\.\d+)?)(?:多)?倍",  # anchored by 降 or 少 or 了
    r"现将[^。\n]{0,40}?(?P<year>(?:19|20)\d{2})\s*年度?[^。\n]{0,30}?(?:报告|汇报)如下",
]


@pytest.mark.parametrize(("pattern", "reason"), RISKY)
def test_risky_patterns_are_guarded(pattern: str, reason: str) -> None:
    assert backtrack_risk(pattern) == reason


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_run_unguarded(pattern: str) -> None:
    assert backtrack_risk(pattern) is None


def test_a_catastrophic_pattern_is_still_stopped_by_the_budget() -> None:
    pattern = compile_regex("pattern", "(a|a)+$")
    assert pattern.guarded
    with pytest.raises(TimeoutError), regex_budget(0.05):
        list(pattern.finditer("a" * 40 + "b"))


def test_the_builtin_packs_guard_only_the_patterns_that_need_it() -> None:
    verdicts: dict[str, tuple[str, bool]] = {}
    for pack in load_packs(builtin_packs()):
        for rule in pack.rules:
            for value in vars(rule.check).values():
                for item in value if isinstance(value, (list, tuple)) else [value]:
                    if isinstance(item, PackPattern):
                        verdicts[item.pattern] = (rule.id, item.guarded)
    guarded = sorted({rule for rule, on in verdicts.values() if on})
    # 30 of 122 distinct patterns when this was written (the rule before, any unbounded repeat
    # or quantified group, guarded 66):
    # update the numbers when a pack changes, after reading why each new one is risky.
    assert (len(verdicts), sum(on for _, on in verdicts.values())) == (122, 30), guarded
    assert "outdated-fazhi-goal-2015" in guarded  # 廉洁高效\s*[、，,]?\s*守法诚信
    assert "fazhi-not-fazhi" not in guarded  # a term list


SETS = [
    "^。\\n", "[^。\\n]", "^\\S\\n", "：:", "\\n", "[^\\S\\n]", "\\d", "一二三四五六七八九十",
    "\\p{Han}（）()、 \\u3000×Xx\\uff38", "[〔【﹝\\[［(（]", "^", "a-c", "[a-c]", "\\w&&\\d",
    "\\U0001f600", "\\U0000d800", "\\\\", "\\.", "^\\p{Han}", "\\P{Han}\\t", "\\u00", "\\x41",
]  # fmt: skip


def test_set_runs_built_from_members_equal_a_scan_of_unicode() -> None:
    # The sets the built-in packs' patterns hold, and written edge cases: putting a set together
    # from its members must give exactly the runs a scan of all of Unicode finds.
    from lintreport.checks import _regex_tree as tree

    seen: list[str] = []
    patterns = {
        item.pattern
        for pack in load_packs(builtin_packs())
        for rule in pack.rules
        for value in vars(rule.check).values()
        for item in (value if isinstance(value, (list, tuple)) else [value])
        if isinstance(item, PackPattern)
    }
    for pattern in sorted(patterns):
        try:
            node = tree.Parser(pattern).parse()
        except tree.Unsupported:
            continue
        stack = [node]
        while stack:
            item = stack.pop()
            for child in item[1:]:
                if isinstance(child, tree.Atom):
                    seen.append(child.source)
                elif isinstance(child, tuple):
                    stack.append(child)
                elif isinstance(child, list):
                    stack.extend(child)
    assert len(seen) > 100
    for expression in dict.fromkeys([*SETS, *seen]):
        try:
            expected = tree._scan(expression)
        except Exception:  # not a set at all: the parser never hands these over
            continue
        assert tree.runs(expression) == expected, expression
