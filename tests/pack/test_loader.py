"""Pack loading: every problem reported at once, positioned, with a did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintreport.errors import PackError
from lintreport.pack import load_pack, load_packs

from ..conftest import ROOT, run_cli

FIVE = ROOT / "tests" / "packs" / "five_mistakes"

RULE = """
  - id: {id}
    kind: pattern
    category: wording
    severity: {severity}
    message: 测试提示
    source: 测试依据
    terms: {{错误: 正确}}
    examples: {{bad: [错误], good: [正确]}}
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_five_mistakes_give_five_positioned_issues() -> None:
    with pytest.raises(PackError) as info:
        load_pack(str(FIVE))
    issues = [(i.line, i.column, i.message) for i in info.value.issues]
    assert len(issues) == 5
    (l1, c1, m1), (l2, c2, m2), (l3, c3, m3), (l4, c4, m4), (l5, c5, m5) = issues
    assert (l1, c1) == (6, 11) and "patern" in m1 and "pattern" in m1
    assert (l2, c2) == (19, 5) and "unles" in m2 and "unless" in m2
    assert l3 == 27 and c3 >= 15 and "正则表达式无效" in m3
    assert (l4, c4) == (29, 5) and "重复" in m4
    assert (l5, c5) == (39, 15) and "wordng" in m5 and "wording" in m5


def test_five_mistakes_through_the_cli() -> None:
    proc = run_cli("check", "--pack", str(FIVE.relative_to(ROOT)), "seeds")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    positions = [
        line.split(": ")[0] for line in proc.stderr.splitlines() if line.startswith("tests/")
    ]
    assert positions == [
        "tests/packs/five_mistakes/pack.yml:6:11",
        "tests/packs/five_mistakes/pack.yml:19:5",
        "tests/packs/five_mistakes/pack.yml:27:20",
        "tests/packs/five_mistakes/pack.yml:29:5",
        "tests/packs/five_mistakes/pack.yml:39:15",
    ]
    assert proc.stdout == ""


def test_missing_keys_and_bad_when(tmp_path: Path) -> None:
    pack = _write(
        tmp_path / "p.yml",
        "id: p\nname: 测试\nrules:\n  - id: a\n    kind: pattern\n    category: wording\n"
        "    severity: error\n    message: 测试\n    terms: {x: y}\n    when: report_yaer >= 2023\n"
        "    examples: {bad: [x], good: [y]}\n",
    )
    with pytest.raises(PackError) as info:
        load_pack(str(pack))
    messages = [i.message for i in info.value.issues]
    assert any("source" in m and "缺少" in m for m in messages)
    assert any("report_yaer" in m for m in messages)


def test_unknown_placeholder_and_english_message(tmp_path: Path) -> None:
    pack = _write(
        tmp_path / "p.yml",
        "id: p\nname: 测试\nrules:"
        + RULE.format(id="a", severity="error").replace("测试提示", "“{matc}”有误")
        + RULE.format(id="b", severity="error").replace("测试提示", "wrong term"),
    )
    with pytest.raises(PackError) as info:
        load_pack(str(pack))
    messages = [i.message for i in info.value.issues]
    assert any("{matc}" in m and "match" in m for m in messages)
    assert any("中文" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("id: [unclosed\n", "不是有效的 YAML"),
        ("- a\n- b\n", "应为 YAML 映射"),
        ("", "空文件"),
        ("[" * 10000 + "]" * 10000 + "\n", "嵌套"),
    ],
)
def test_unreadable_packs(tmp_path: Path, text: str, fragment: str) -> None:
    pack = _write(tmp_path / "p.yml", text)
    with pytest.raises(PackError) as info:
        load_pack(str(pack))
    assert fragment in info.value.issues[0].message


def test_extends_and_overrides(tmp_path: Path) -> None:
    _write(
        tmp_path / "base.yml",
        "id: base\nname: 基础\nrules:"
        + RULE.format(id="a", severity="error")
        + RULE.format(id="b", severity="error"),
    )
    child = _write(
        tmp_path / "child.yml",
        "id: child\nname: 派生\nextends: base.yml\noverrides:\n  a: {severity: info}\n  b: off\n"
        "rules:" + RULE.format(id="c", severity="warning"),
    )
    pack = load_pack(str(child))
    by_id = {r.id: r for r in pack.rules}
    assert by_id["a"].severity.value == "info"
    assert by_id["b"].enabled is False
    assert by_id["c"].severity.value == "warning"


def test_override_of_unknown_rule_is_an_issue(tmp_path: Path) -> None:
    _write(
        tmp_path / "base.yml",
        "id: base\nname: 基础\nrules:" + RULE.format(id="alpha", severity="error"),
    )
    child = _write(
        tmp_path / "child.yml",
        "id: child\nname: 派生\nextends: base.yml\noverrides:\n  alpah: off\n",
    )
    with pytest.raises(PackError) as info:
        load_pack(str(child))
    assert "alpha" in info.value.issues[0].message


def test_unknown_pack_name() -> None:
    with pytest.raises(PackError) as info:
        load_packs(["fazhi-anual"])
    assert "fazhi-annual" in info.value.issues[0].message


def test_builtin_pack_loads_and_every_rule_is_complete(default_packs) -> None:
    (pack,) = default_packs
    assert pack.id == "fazhi-annual"
    for rule in pack.rules:
        assert rule.source and rule.message and rule.bad and rule.good
