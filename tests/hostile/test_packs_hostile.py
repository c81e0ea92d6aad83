"""Packs, configs and ignore files that would hang the tool, exhaust memory or end in 内部错误:
each is a positioned Chinese error, or a rule that times out while the others run."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import DRAFT, assert_clean_failure, checked, run_capped

RULE = (
    "  - id: r1\n    category: wording\n    severity: error\n    message: 问题\n"
    "    source: GB/T 15834-2011《标点符号用法》\n"
    "    examples:\n      bad:\n        - text: 以下3个方面：[[a]]\n      good: [正文]\n"
)
# (a|a)+$ tries 2^40 ways on forty a's not followed by the end
CATASTROPHE = "a" * 40 + "b"


def _pack(root: Path, body: str) -> None:
    (root / "pk").mkdir()
    (root / "pk" / "pack.yml").write_text(
        "id: pk\nname: 测试\nrules:\n" + RULE + body, encoding="utf-8"
    )


def _run_pack(root: Path) -> object:
    (root / "ok.txt").write_text(DRAFT, encoding="utf-8")
    return run_capped("check", "-j", "1", "--pack", "pk", "--pack", "fazhi-annual", ".", cwd=root)


@pytest.mark.parametrize(
    ("body", "draft"),
    [
        (
            '    kind: announced_count\n    pattern: ["以下(?P<n>3)个方面"]\n'
            '    items: one_clauses\n    one_pattern: "(a|a)+$"\n',
            f"以下3个方面：{CATASTROPHE}。\n",
        ),
        (
            '    kind: year_relation\n    check: plan_section\n    section: "(a|a)+$"\n',
            f"二、{CATASTROPHE}\n2023年推进工作。\n",
        ),
    ],
    ids=["announced_count.one_pattern", "year_relation.section"],
)
def test_catastrophic_pattern_in_any_kind_times_out_alone(
    tmp_path: Path, body: str, draft: str
) -> None:
    _pack(tmp_path, body)
    (tmp_path / "bad.txt").write_text(
        "关于2023年度法治政府建设情况的报告\n一、主要举措\n" + draft, encoding="utf-8"
    )
    outcome = _run_pack(tmp_path)
    assert outcome.code == 2
    line = assert_clean_failure(outcome, "bad.txt")
    assert "规则“r1”的正则表达式匹配超时" in line
    assert checked(outcome, "bad.txt") and checked(outcome, "ok.txt")  # the other rules ran


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('    kind: pattern\n    pattern: "(a{65535}){65535}"\n', "嵌套重复次数过多"),
        (
            '    kind: announced_count\n    pattern: ["以下(?P<n>3)个方面"]\n    items: list\n'
            "    max_item: " + "9" * 5000 + "\n",
            "数字位数过多",
        ),
        (
            '    kind: pattern\n    pattern: "abc"\n'
            '    when: "' + "not " * 3000 + 'report_year > 1"\n',
            "嵌套过深",
        ),
        (
            "    kind: rate_relation\n"
            "    rates: [{name: 结案率, numerator: [结案], denominator: [受理]}]\n"
            "    max_gap: 99999999999999\n",
            "之间的整数",
        ),
    ],
    ids=["nested-repeat", "5000-digit-int", "deep-when", "huge-max_gap"],
)
def test_pack_errors_are_positioned(tmp_path: Path, body: str, message: str) -> None:
    _pack(tmp_path, body)
    outcome = _run_pack(tmp_path)
    assert outcome.code == 2
    assert "Traceback" not in outcome.output and "内部错误" not in outcome.output
    positioned = [ln for ln in outcome.stderr.splitlines() if "pk/pack.yml:" in ln]
    assert any(message in ln for ln in positioned), outcome.stderr


BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
)


@pytest.mark.parametrize("where", [".lintreport.yaml", ".lintreport-ignore.yaml", "pack"])
def test_yaml_alias_bombs_are_refused(tmp_path: Path, where: str) -> None:
    (tmp_path / "ok.txt").write_text(DRAFT, encoding="utf-8")
    args = ["check", "-j", "1", "ok.txt"]
    if where == "pack":
        (tmp_path / "pk").mkdir()
        (tmp_path / "pk" / "pack.yml").write_text("id: pk\nname: 测试\n" + BOMB, encoding="utf-8")
        args += ["--pack", "pk"]
    else:
        (tmp_path / where).write_text(BOMB, encoding="utf-8")
    outcome = run_capped(*args, cwd=tmp_path)
    assert outcome.code == 2
    assert "别名" in outcome.stderr and "Traceback" not in outcome.stderr


def test_pyproject_with_a_scalar_tool_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = 1\nname = "lintreport-drafts"\n')
    (tmp_path / "ok.txt").write_text(DRAFT, encoding="utf-8")
    outcome = run_capped("check", "-j", "1", "ok.txt", cwd=tmp_path)
    assert outcome.code == 1 and checked(outcome, "ok.txt")
    assert "内部错误" not in outcome.output
