"""sarif format: SARIF 2.1.0 that validates against the OASIS schema and suits GitHub."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lintreport import __version__
from lintreport.formats import render

from ..conftest import SEEDS, run_cli
from .fixture import RESULT, RULES

HERE = Path(__file__).parent
SNAPSHOT = HERE / "snapshots" / "sarif.json"


@cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _render() -> dict[str, Any]:
    out = io.StringIO()
    render("sarif", RESULT, out, color=False, rules=RULES)
    return json.loads(out.getvalue())


def _assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_snapshot() -> None:
    log = _render()
    log["runs"][0]["tool"]["driver"]["version"] = "X"
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = "X"
    assert log == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_fixture_validates_and_carries_github_fields() -> None:
    log = _render()
    _assert_valid(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "lintreport" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    # described rules first, then rules that only appear in results
    assert ids == ["fazhi-not-fazhi", "halfwidth-comma", "rate-mismatch", "missing-section"]
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            assert rule[key]["text"].strip()
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["properties"]["category"]
    first = driver["rules"][0]
    assert "《法治政府建设实施纲要（2021-2025年）》" in first["help"]["text"]
    assert driver["rules"][1]["helpUri"] == "https://example.org/rules/halfwidth-comma"
    results = run["results"]
    assert len(results) == len(RESULT.violations)
    for res, v in zip(results, RESULT.violations, strict=True):
        assert res["ruleId"] == v.rule
        assert driver["rules"][res["ruleIndex"]]["id"] == v.rule
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (v.line, v.column)
        assert (region["endLine"], region["endColumn"]) == (v.end_line, v.end_column)
        assert res["partialFingerprints"]["primaryLocationLineHash"]
        assert ("fixes" in res) == (v.fix is not None)
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    uri = results[-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E8%8D%89%E7%A8%BF%20%E7%9B%AE%E5%BD%95/b.md"
    fix = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "法治政府"
    assert fix["deletedRegion"]["startColumn"] == 5
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False  # missing.txt could not be read
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "文件不存在"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_validates(seed: Path) -> None:
    proc = run_cli("check", "--format", "sarif", str(seed))
    assert proc.returncode in (0, 1), proc.stderr
    log = json.loads(proc.stdout)
    _assert_valid(log)
    run = log["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= ids
    as_json = json.loads(run_cli("check", "--format", "json", str(seed)).stdout)
    assert len(run["results"]) == len(as_json["violations"])


def test_fingerprints_survive_lines_moving(tmp_path: Path) -> None:
    body = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设。\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    first = json.loads(run_cli("check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)
    moved = body.replace("\n", "\n新增的一段说明文字。\n\n", 1)
    (tmp_path / "a.txt").write_text(moved, encoding="utf-8")
    second = json.loads(run_cli("check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)

    def prints(log: dict[str, Any]) -> dict[str, tuple[str, int]]:
        return {
            r["partialFingerprints"]["primaryLocationLineHash"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
            if r["ruleId"] == "fazhi-not-fazhi"
        }

    a, b = prints(first), prints(second)
    assert a.keys() == b.keys() and len(a) == 1
    (key,) = a
    assert a[key][1] + 2 == b[key][1]  # same fingerprint, two lines further down
