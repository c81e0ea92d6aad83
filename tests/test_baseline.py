"""Baselines: fingerprints ignore line numbers; only new findings are reported and fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintreport.errors import UsageError
from lintreport.fingerprint import fingerprint
from lintreport.model import Category, Severity, Violation
from lintreport.policy.baseline import Baseline, load_baseline

from .conftest import SEEDS, run_cli

DRAFT = "关于2023年度法治政府建设情况的报告\n一是大力推进法制政府建设。\n二是压实主题责任。\n"


def test_fingerprint_ignores_position_but_not_text_or_context() -> None:
    a = "标题\n大力推进法制政府建设。\n"
    b = "标题\n新的一段。\n\n大力推进法制政府建设。\n"
    fa = fingerprint("r", "x.txt", a, a.index("法制"), a.index("法制") + 4)
    fb = fingerprint("r", "x.txt", b, b.index("法制"), b.index("法制") + 4)
    assert fa == fb
    c = "标题\n全面推进法制政府建设。\n"
    assert fingerprint("r", "x.txt", c, c.index("法制"), c.index("法制") + 4) != fa
    assert fingerprint("r", "y.txt", a, a.index("法制"), a.index("法制") + 4) != fa
    assert fingerprint("q", "x.txt", a, a.index("法制"), a.index("法制") + 4) != fa


def test_identical_findings_are_counted() -> None:
    text = "甲乙\n甲乙\n甲乙\n"

    def v(line: int) -> Violation:
        start = (line - 1) * 3
        return Violation("x.txt", line, 1, line, 3, "r", Category.WORDING, Severity.ERROR, "m",
                         start=start, end=start + 2)  # fmt: skip

    key = fingerprint("r", "x.txt", text, 0, 2)
    assert key == fingerprint("r", "x.txt", text, 3, 5)  # same text, same (empty) context
    baseline = Baseline({key: 2}, Path.cwd())
    new = baseline.new_findings([v(1), v(2), v(3)], {"x.txt": text})
    assert [x.line for x in new] == [3]  # two were known; the last one is new


def test_write_then_check_fails_only_on_new_findings(tmp_path: Path) -> None:
    draft = tmp_path / "reports" / "a.txt"
    draft.parent.mkdir()
    draft.write_text(DRAFT, encoding="utf-8")
    wrote = run_cli(
        "check", "--select", "wording", "--write-baseline", "base.json", "reports", cwd=tmp_path
    )
    assert wrote.returncode == 0, wrote.stderr
    data = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {(e["path"], e["rule"], e["text"]) for e in data["entries"]} == {
        ("reports/a.txt", "fazhi-not-fazhi", "法制政府"),
        ("reports/a.txt", "typo-zhuti-zeren", "主题责任"),
    }
    assert "line" not in json.dumps(data["entries"])
    args = ("check", "--select", "wording", "--format", "json", "--baseline", "base.json")
    clean = run_cli(*args, "reports", cwd=tmp_path)
    assert clean.returncode == 0 and json.loads(clean.stdout)["violations"] == []
    # lines move and a new defect appears: only the new one is reported
    draft.write_text(DRAFT.replace("\n", "\n（新增）各部门压实主题责任。\n\n", 1), encoding="utf-8")
    proc = run_cli(*args, "reports", cwd=tmp_path)
    assert proc.returncode == 1
    assert [(v["line"], v["rule"]) for v in json.loads(proc.stdout)["violations"]] == [
        (2, "typo-zhuti-zeren")
    ]
    # the baseline's paths are relative to the baseline, not to where the command runs
    sub = run_cli(*args[:-1], "../base.json", ".", cwd=tmp_path / "reports")
    assert [v["line"] for v in json.loads(sub.stdout)["violations"]] == [2]


def test_baseline_of_all_seeds_silences_them(tmp_path: Path) -> None:
    base = tmp_path / "seeds.json"
    paths = [str(p) for p in SEEDS]
    assert run_cli("check", "--write-baseline", str(base), *paths).returncode == 0
    proc = run_cli("check", "--format", "json", "--baseline", str(base), *paths)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["violations"] == []


def test_bad_baseline_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="不存在"):
        load_baseline(tmp_path / "none.json")
    (tmp_path / "b.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UsageError, match="不是 lintreport 基线"):
        load_baseline(tmp_path / "b.json")
    proc = run_cli("check", "--baseline", "b.json", "x.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
