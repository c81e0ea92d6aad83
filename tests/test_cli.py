"""The installed command, run as a user would: output, exit codes, JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lintreport.model import Category, Severity

from .conftest import ROOT, SEEDS, run_cli


def test_check_seeds_text_output() -> None:
    proc = run_cli("check", "seeds/")
    assert proc.returncode == 1, proc.stderr
    assert "检查了 5 个文件" in proc.stdout
    assert "\x1b[" not in proc.stdout  # NO_COLOR is set by run_cli
    assert "Traceback" not in proc.stderr


def test_json_contract_on_seeds() -> None:
    proc = run_cli("check", "--format", "json", "seeds/")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert list(data) == ["version", "violations", "errors", "documents", "summary"]
    assert data["version"] == 1
    assert [d["report_year"] for d in data["documents"]] == [2022, 2022, 2023, 2024, 2023]
    assert all(d["report_type"] == "fazhi-annual" for d in data["documents"])
    assert data["summary"] == {"files": 5, "violations": len(data["violations"]), "errors": 0}
    texts = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8").split("\n") for p in SEEDS
    }
    keys = [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "category",
        "severity",
        "message",
        "suggestion",
        "fix",
    ]
    for v in data["violations"]:
        assert list(v) == keys
        assert v["category"] in {c.value for c in Category}
        assert v["severity"] in {s.value for s in Severity}
        lines = texts[v["path"]]
        assert 1 <= v["line"] <= v["end_line"] <= len(lines)
        assert 1 <= v["column"] <= len(lines[v["line"] - 1]) + 1
        assert v["fix"] is None or set(v["fix"]) == {"replacement"}


def test_json_positions_quote_the_offending_text() -> None:
    proc = run_cli(
        "check", "--format", "json", "--select", "fazhi-not-fazhi", "seeds/004_d3385afb506ce1c5.txt"
    )
    (v,) = json.loads(proc.stdout)["violations"]
    line = (ROOT / v["path"]).read_text(encoding="utf-8").split("\n")[v["line"] - 1]
    assert line[v["column"] - 1 : v["end_column"] - 1] == "法制政府"
    assert v["fix"] == {"replacement": "法治政府"}


def test_select_ignore_and_unknown_selector() -> None:
    only = json.loads(
        run_cli("check", "--format", "json", "--select", "reversed-slogan", "seeds/").stdout
    )
    assert {v["rule"] for v in only["violations"]} == {"reversed-slogan"}
    # An id is more specific than a category: select a category, ignore one rule in it.
    mixed = json.loads(
        run_cli(
            "check",
            "--format",
            "json",
            "--select",
            "wording",
            "--ignore",
            "reversed-slogan",
            "seeds/",
        ).stdout
    )
    assert "reversed-slogan" not in {v["rule"] for v in mixed["violations"]}
    bad = run_cli("check", "--select", "reversed-slogn", "seeds/")
    assert bad.returncode == 2
    assert "reversed-slogan" in bad.stderr


def test_fail_on_and_exit_zero() -> None:
    assert run_cli("check", "--exit-zero", "seeds/").returncode == 0
    assert run_cli("check", "--fail-on", "never", "seeds/").returncode == 0
    clean = run_cli("check", "--select", "reversed-slogan", "seeds/000_10771941e5605864.txt")
    assert clean.returncode == 0
    assert "未发现问题" in clean.stdout


def test_unreadable_input_is_exit_2_and_others_still_checked(tmp_path: Path) -> None:
    proc = run_cli(
        "check", "--format", "json", str(tmp_path / "missing.txt"), "seeds/004_d3385afb506ce1c5.txt"
    )
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["errors"] == [
        {"path": (tmp_path / "missing.txt").as_posix(), "message": "文件不存在"}
    ]
    assert data["summary"]["files"] == 1 and data["violations"]


def test_runs_from_another_directory(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    target.write_text(
        "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设。\n", encoding="utf-8"
    )
    proc = run_cli("check", "draft.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "draft.txt:2:5" in proc.stdout


def test_rules_explain_and_test_pack() -> None:
    rules = run_cli("rules")
    assert rules.returncode == 0 and "fazhi-not-fazhi" in rules.stdout
    explain = run_cli("explain", "fazhi-not-fazhi")
    assert explain.returncode == 0
    assert "依据：" in explain.stdout and "错误示例" in explain.stdout
    unknown = run_cli("explain", "fazhi-not-fazi")
    assert unknown.returncode == 2 and "fazhi-not-fazhi" in unknown.stderr
    assert run_cli("test-pack").returncode == 0


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    coloured = run_cli("check", "--color", "always", "seeds/004_d3385afb506ce1c5.txt")
    assert "\x1b[" in coloured.stdout
    plain = run_cli("check", "seeds/004_d3385afb506ce1c5.txt")
    assert "\x1b[" not in plain.stdout


def test_usage_errors() -> None:
    assert run_cli().returncode == 2
    assert run_cli("check").returncode == 2
    assert run_cli("check", "--format", "xml", "seeds/").returncode == 2
    version = subprocess.run(
        [sys.executable, "-m", "lintreport", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and "lintreport" in version.stdout


def test_underline_sits_under_the_cjk_span() -> None:
    proc = run_cli("check", "--select", "fazhi-not-fazhi", "seeds/004_d3385afb506ce1c5.txt")
    lines = proc.stdout.splitlines()
    quoted = next(i for i, line in enumerate(lines) if line.lstrip().startswith("7 |"))
    from rich.cells import cell_len

    source, marks = lines[quoted], lines[quoted + 1]
    caret_at = marks.index("^")
    assert cell_len(source[: source.index("法制政府")]) == cell_len(marks[:caret_at])
    assert marks.count("^") == cell_len("法制政府")
