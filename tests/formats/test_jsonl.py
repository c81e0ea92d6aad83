"""jsonl format: one JSON violation per line, exactly the JSON contract's violation objects."""

from __future__ import annotations

import io
import json

from lintreport.formats import render

from ..conftest import SEEDS, run_cli
from .fixture import RESULT


def test_snapshot() -> None:
    out = io.StringIO()
    render("jsonl", RESULT, out, color=False)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0]) == {
        "path": "reports/a.txt",
        "line": 2,
        "column": 5,
        "end_line": 2,
        "end_column": 9,
        "rule": "fazhi-not-fazhi",
        "category": "wording",
        "severity": "error",
        "message": "“法制政府”应为“法治政府”。",
        "suggestion": "法治政府",
        "fix": {"replacement": "法治政府"},
    }
    assert json.loads(lines[3])["message"] == "缺少章节：存在的不足和原因\n（应在此处）"
    assert "\\u" not in out.getvalue()  # UTF-8, no ASCII escapes, like the JSON format


def test_same_violations_as_json_for_seeds() -> None:
    paths = list(map(str, SEEDS))
    as_json = json.loads(run_cli("check", "--format", "json", *paths).stdout)["violations"]
    proc = run_cli("check", "--format", "jsonl", *paths)
    assert proc.returncode == 1, proc.stderr
    as_lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(as_lines, key=json.dumps) == sorted(as_json, key=json.dumps)
    assert len(as_lines) > 0


def test_unreadable_file_goes_to_stderr_with_status_2() -> None:
    proc = run_cli("check", "--format", "jsonl", "no-such-file.txt")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no-such-file.txt" in proc.stderr
