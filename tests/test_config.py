"""Configuration: discovery, validation with positions, precedence, init and config commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintreport.policy.config import ConfigError, ConfigFinder, load_config
from lintreport.policy.globs import glob_match
from lintreport.policy.settings import Overrides, resolve

from .conftest import run_cli

DRAFT = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设，压实主题责任。\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _rules(stdout: str) -> list[tuple[str, str]]:
    return [(v["path"], v["rule"]) for v in json.loads(stdout)["violations"]]


def test_unknown_keys_and_bad_values_are_reported_with_positions(tmp_path: Path) -> None:
    cfg = _write(tmp_path / ".lintreport.yaml", "select: [wording]\nignroe: [x]\nfail_on: often\n")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    found = [(i.line, i.column, i.message) for i in info.value.issues]
    assert found[0][:2] == (2, 1) and "ignroe" in found[0][2] and "ignore" in found[0][2]
    assert found[1][:2] == (3, 10) and "often" in found[1][2]


def test_pyproject_table_positions_name_the_key(tmp_path: Path) -> None:
    cfg = _write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.lintreport]\nselect = ["wording"]\nmax_warning = 3\n',
    )
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    (issue,) = info.value.issues
    assert (issue.line, issue.column) == (6, 1)
    assert "max_warning" in issue.message and "max_warnings" in issue.message


def test_nearest_config_wins_and_yaml_beats_pyproject(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.lintreport]\nselect = ["wording"]\n')
    _write(tmp_path / "a" / ".lintreport.yaml", "select: [punctuation]\n")
    _write(tmp_path / "a" / "pyproject.toml", '[tool.lintreport]\nselect = ["number"]\n')
    _write(tmp_path / "b" / "pyproject.toml", '[project]\nname = "no table"\n')
    finder = ConfigFinder()
    a = finder.nearest(tmp_path / "a" / "deep" / "x.txt")
    b = finder.nearest(tmp_path / "b" / "x.txt")
    assert a is not None and a.data.select == ["punctuation"]
    assert b is not None and b.path == (tmp_path / "pyproject.toml").resolve()
    assert b.data.select == ["wording"]


def test_command_line_overrides_config(tmp_path: Path) -> None:
    cfg = load_config(
        _write(tmp_path / ".lintreport.yaml", "select: [wording]\nignore: [number]\nyear: 2022\n")
    )
    s = resolve(cfg, Overrides(select=("punctuation",), ignore=("structure",), year=2024))
    assert s.select == ("punctuation",)
    assert s.ignore == ("number", "structure")  # --ignore adds to the configuration
    assert s.year == 2024
    assert s.origins["select"] == "命令行"
    assert s.origins["ignore"].startswith("命令行 + ")
    plain = resolve(cfg, Overrides())
    assert plain.year == 2022 and plain.origins["year"].endswith(".lintreport.yaml:3:1")


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.txt", "a/b/c.txt", True),
        ("archive", "archive/2019/x.md", True),
        ("drafts/*.md", "drafts/x.md", True),
        ("drafts/*.md", "old/drafts/x.md", False),
        ("reports/**/*.md", "reports/x.md", True),
        ("reports/**/*.md", "reports/2023/q1/x.md", True),
        ("a?.txt", "a/.txt", False),
        ("*.md", "x.txt", False),
    ],
)
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected


def test_cli_uses_config_per_file(tmp_path: Path) -> None:
    _write(tmp_path / ".lintreport.yaml", "select: [fazhi-not-fazhi]\nexclude: [archive]\n")
    _write(tmp_path / "team" / ".lintreport.yaml", "select: [typo-zhuti-zeren]\n")
    _write(tmp_path / "a.txt", DRAFT)
    _write(tmp_path / "team" / "b.txt", DRAFT)
    _write(tmp_path / "archive" / "old.txt", DRAFT)
    proc = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert _rules(proc.stdout) == [("a.txt", "fazhi-not-fazhi"), ("team/b.txt", "typo-zhuti-zeren")]
    # the command line wins over every configuration
    proc = run_cli("check", "--format", "json", "--select", "wording", "team", cwd=tmp_path)
    assert {r for _, r in _rules(proc.stdout)} >= {"fazhi-not-fazhi", "typo-zhuti-zeren"}
    # --isolated ignores configuration altogether: archive is checked again
    proc = run_cli("check", "--format", "json", "--isolated", ".", cwd=tmp_path)
    assert any(p == "archive/old.txt" for p, _ in _rules(proc.stdout))


def test_cli_severity_per_file_ignores_and_fail_on(tmp_path: Path) -> None:
    _write(
        tmp_path / ".lintreport.yaml",
        "select: [wording]\n"
        "severity:\n  wording: warning\n  fazhi-not-fazhi: info\n"
        "per_file_ignores:\n  'legacy/*.txt': [typo-zhuti-zeren]\n",
    )
    _write(tmp_path / "legacy" / "a.txt", DRAFT)
    proc = run_cli("check", "--format", "json", "legacy", cwd=tmp_path)
    found = {v["rule"]: v["severity"] for v in json.loads(proc.stdout)["violations"]}
    assert found == {"fazhi-not-fazhi": "info"}
    assert proc.returncode == 0  # info is below the default fail_on: error
    assert run_cli("check", "--fail-on", "info", "legacy", cwd=tmp_path).returncode == 1


def test_unknown_rule_in_config_is_an_error_at_its_key(tmp_path: Path) -> None:
    _write(tmp_path / ".lintreport.yaml", "select: [wording]\nseverity:\n  fazhi-not-fazi: info\n")
    _write(tmp_path / "a.txt", DRAFT)
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".lintreport.yaml:3:3:" in proc.stderr and "fazhi-not-fazhi" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_invalid_config_is_exit_2_with_position(tmp_path: Path) -> None:
    _write(tmp_path / ".lintreport.yaml", "packs: [fazhi-annual]\nselct: [wording]\n")
    _write(tmp_path / "a.txt", DRAFT)
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".lintreport.yaml:2:1: 未知的键“selct”" in proc.stderr


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = (tmp_path / ".lintreport.yaml").read_text(encoding="utf-8")
    assert written.startswith("#") and "fail_on" in written
    assert load_config(tmp_path / ".lintreport.yaml").data.packs == ["fazhi-annual"]
    again = run_cli("init", cwd=tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr
    assert (tmp_path / ".lintreport.yaml").read_text(encoding="utf-8") == written


def test_config_command_shows_values_and_origins(tmp_path: Path) -> None:
    _write(tmp_path / ".lintreport.yaml", "select: [wording]\nmax_warnings: 5\n")
    _write(tmp_path / "sub" / "a.txt", DRAFT)
    proc = run_cli("config", "sub/a.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["config_file"] == ".lintreport.yaml"
    assert data["settings"]["select"] == {"value": ["wording"], "from": ".lintreport.yaml:1:1"}
    assert data["settings"]["max_warnings"]["from"] == ".lintreport.yaml:2:1"
    assert data["settings"]["packs"] == {"value": ["fazhi-annual", "xxgk-annual"], "from": "默认"}
    text = run_cli("config", "sub/a.txt", cwd=tmp_path).stdout
    assert 'select           = ["wording"]    # .lintreport.yaml:1:1' in text


def test_max_warnings_and_fail_on_never(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", DRAFT)
    args = ("check", "--select", "wording", "--format", "json", "a.txt")
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 1  # errors fail by default
    assert run_cli(*args, "--fail-on", "never", cwd=tmp_path).returncode == 0
    _write(tmp_path / ".lintreport.yaml", "severity:\n  wording: warning\nfail_on: error\n")
    assert run_cli(*args, cwd=tmp_path).returncode == 0  # two warnings, no error
    assert run_cli(*args, "--max-warnings", "2", cwd=tmp_path).returncode == 0
    assert run_cli(*args, "--max-warnings", "1", cwd=tmp_path).returncode == 1
    _write(tmp_path / ".lintreport.yaml", "severity:\n  wording: warning\nmax_warnings: 1\n")
    assert run_cli(*args, cwd=tmp_path).returncode == 1
    assert run_cli(*args, "--exit-zero", cwd=tmp_path).returncode == 0


HOUSE_PACK = """\
id: house-style
name: 本单位补充规则
rules:
  - id: house-term-jiguan
    kind: pattern
    category: wording
    severity: warning
    message: "“{match}”应写作“{replacement}”（本单位用语规范）。"
    source: 本单位公文用语规范（测试）
    fix: safe
    terms: {机关单位: 机关和单位}
    examples:
      bad:
        - text: 各[[机关单位]]要落实。
          fixed: 各机关和单位要落实。
      good: [各机关和单位要落实。]
"""


def test_extra_packs_are_relative_to_the_config_and_load_beside_the_default(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "rules" / "house.yml", HOUSE_PACK)
    _write(tmp_path / ".lintreport.yaml", "extra_packs: [rules/house.yml]\n")
    _write(tmp_path / "sub" / "a.txt", DRAFT + "各机关单位要落实。\n")
    proc = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path / "sub")
    rules = {r for _, r in _rules(proc.stdout)}
    assert {"house-term-jiguan", "fazhi-not-fazhi"} <= rules, proc.stderr
    shown = json.loads(run_cli("config", "sub/a.txt", "--format", "json", cwd=tmp_path).stdout)
    assert shown["settings"]["extra_packs"]["from"] == ".lintreport.yaml:1:1"


def test_explicit_config_file_is_used_for_every_input(tmp_path: Path) -> None:
    _write(tmp_path / ".lintreport.yaml", "select: [typo-zhuti-zeren]\n")
    _write(tmp_path / "ci" / "strict.yaml", "select: [fazhi-not-fazhi]\n")
    _write(tmp_path / "a.txt", DRAFT)
    proc = run_cli("check", "--format", "json", "--config", "ci/strict.yaml", "a.txt", cwd=tmp_path)
    assert _rules(proc.stdout) == [("a.txt", "fazhi-not-fazhi")]
    missing = run_cli("check", "--config", "nope.yaml", "a.txt", cwd=tmp_path)
    assert missing.returncode == 2 and "nope.yaml" in missing.stderr


def test_names_are_checked_in_every_config_even_with_the_same_rules(tmp_path: Path) -> None:
    _write(tmp_path / "a" / ".lintreport.yaml", "severity:\n  wording: warning\n")
    _write(tmp_path / "b" / ".lintreport.yaml", "severity:\n  wordin: warning\n")
    _write(tmp_path / "a" / "x.txt", DRAFT)
    _write(tmp_path / "b" / "x.txt", DRAFT)
    proc = run_cli("check", "a", "b", cwd=tmp_path)
    assert proc.returncode == 2
    assert "b/.lintreport.yaml:2:3:" in proc.stderr and "wording" in proc.stderr


def test_extends_inherits_keys_with_their_own_roots_and_origins(tmp_path: Path) -> None:
    _write(
        tmp_path / ".lintreport.yaml",
        "select: [wording]\nexclude: [old]\n"
        "per_file_ignores:\n  'team/legacy/*': [typo-zhuti-zeren]\n",
    )
    _write(
        tmp_path / "team" / ".lintreport.yaml",
        "extends: ../.lintreport.yaml\nseverity:\n  fazhi-not-fazhi: info\n",
    )
    for name in ("team/a.txt", "team/old/b.txt", "team/legacy/c.txt"):
        _write(tmp_path / name, DRAFT)
    proc = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    found = {(v["path"], v["rule"], v["severity"]) for v in json.loads(proc.stdout)["violations"]}
    assert found == {
        ("team/a.txt", "fazhi-not-fazhi", "info"),
        ("team/a.txt", "typo-zhuti-zeren", "error"),
        ("team/legacy/c.txt", "fazhi-not-fazhi", "info"),
    }
    shown = json.loads(run_cli("config", "team/a.txt", "--format", "json", cwd=tmp_path).stdout)
    assert shown["config_file"] == "team/.lintreport.yaml"
    assert shown["extends"] == [".lintreport.yaml"]
    assert shown["settings"]["select"]["from"] == ".lintreport.yaml:1:1"
    assert shown["settings"]["severity"]["from"] == "team/.lintreport.yaml:2:1"


def test_extends_cycles_and_missing_targets_are_errors(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", "extends: b.yaml\n")
    _write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="循环"):
        load_config(tmp_path / "a.yaml")
    _write(tmp_path / "c.yaml", "select: [wording]\nextends: none.yaml\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "c.yaml")
    assert (info.value.issues[0].line, info.value.issues[0].column) == (2, 1)
