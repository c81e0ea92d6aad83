"""Suppression: Markdown comment directives, the sidecar ignore file, unused suppressions."""

from __future__ import annotations

import json
from pathlib import Path

from lintreport.model import Category, Severity, Violation
from lintreport.policy.ignorefile import ignore_entry_text
from lintreport.policy.suppression import apply_comment_directives

from .conftest import run_cli

TITLE = "# 关于2023年度法治政府建设情况的报告\n\n"


def _found(stdout: str) -> list[tuple[int, str]]:
    return [(v["line"], v["rule"]) for v in json.loads(stdout)["violations"]]


def _check(tmp_path: Path, name: str, text: str, *args: str) -> list[tuple[int, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    proc = run_cli(
        "check", "--format", "json", "--select", "wording,metadata", *args, name, cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in _found(proc.stdout) if f[1] in WORDING]


WORDING = {"fazhi-not-fazhi", "typo-zhuti-zeren", "unused-suppression"}


def test_directives_disable_enable_next_line_and_line(tmp_path: Path) -> None:
    text = TITLE + (
        "<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n"  # 3
        "大力推进法制政府建设。\n"  # 4: suppressed
        "大力推进法制政府建设。<!-- lintreport-disable-line wording -->\n"  # 5: suppressed
        "<!-- lintreport-disable typo-zhuti-zeren -->\n"  # 6
        "压实主题责任。\n"  # 7: suppressed
        "<!-- lintreport-enable typo-zhuti-zeren -->\n"  # 8
        "压实主题责任。\n"  # 9: reported
        "大力推进法制政府建设。\n"  # 10: reported
        "<!-- lintreport-disable -->\n"  # 11: everything off
        "压实主题责任，大力推进法制政府建设。\n"  # 12: suppressed
        "<!-- lintreport-enable fazhi-not-fazhi -->\n"  # 13: one rule back on
        "压实主题责任，大力推进法制政府建设。\n"  # 14: only fazhi-not-fazhi reported
    )
    assert _check(tmp_path, "a.md", text) == [
        (9, "typo-zhuti-zeren"),
        (10, "fazhi-not-fazhi"),
        (14, "fazhi-not-fazhi"),
    ]


def test_unused_and_unknown_directives_are_reported(tmp_path: Path) -> None:
    text = TITLE + (
        "<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n"  # 3: next line is clean
        "正常的文字。\n"
        "<!-- lintreport-disable-next-line fazhi-not-fazi -->\n"  # 5: unknown rule
        "大力推进法制政府建设。\n"  # 6: reported, the directive named nothing real
    )
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "a.md", cwd=tmp_path)
    violations = json.loads(proc.stdout)["violations"]
    unused = [v for v in violations if v["rule"] == "unused-suppression"]
    assert [(v["line"], v["column"], v["category"], v["severity"]) for v in unused] == [
        (3, 1, "metadata", "warning"),
        (5, 1, "metadata", "warning"),
    ]
    assert "fazhi-not-fazhi" in unused[0]["message"]
    assert "未知" in unused[1]["message"]
    assert (6, "fazhi-not-fazhi") in [(v["line"], v["rule"]) for v in violations]
    # ignoring the check silences it
    quiet = run_cli(
        "check", "--format", "json", "--ignore", "unused-suppression", "a.md", cwd=tmp_path
    )
    assert "unused-suppression" not in quiet.stdout


def test_directives_in_plain_text_are_not_directives(tmp_path: Path) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n<!-- lintreport-disable -->\n大力推进法制政府建设。\n"
    )
    assert _check(tmp_path, "a.txt", text) == [(3, "fazhi-not-fazhi")]


def test_findings_inside_a_directive_are_dropped() -> None:
    text = "<!-- lintreport-disable a,b -->\n"
    comma = Violation("x.md", 1, 25, 1, 26, "halfwidth-punctuation", Category.PUNCTUATION,
                      Severity.WARNING, "半角逗号", start=24, end=25)  # fmt: skip
    out = apply_comment_directives("x.md", text, [comma], {"a", "b"}, {"a", "b"}, False)
    assert out.kept == [] and out.suppressed == 1


def _seed_like(tmp_path: Path) -> Path:
    body = (
        "关于2023年度法治政府建设情况的报告\n"
        "一是大力推进法制政府建设。\n"
        "二是引用2004年文件，原题为《全面推进依法行政实施纲要》中的法制政府建设。\n"
    )
    path = tmp_path / "r.txt"
    path.write_text(body, encoding="utf-8")
    return path


def test_sidecar_ignore_file_matches_text_and_context(tmp_path: Path) -> None:
    path = _seed_like(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.rindex("法制政府")
    entry = ignore_entry_text(text, start, start + 4)
    assert entry == "政实施纲要》中的[[法制政府]]建设。"
    (tmp_path / ".lintreport-ignore.yaml").write_text(
        f'ignores:\n  - rule: fazhi-not-fazhi\n    file: r.txt\n    text: "{entry}"\n'
        "    reason: 引用的是历史文件原文\n",
        encoding="utf-8",
    )
    assert _check(tmp_path, "r.txt", text) == [(2, "fazhi-not-fazhi")]
    # lines added above: the entry still matches, by text and context
    moved = text.replace("\n", "\n新增一段文字。\n新增第二段。\n", 1)
    assert _check(tmp_path, "r.txt", moved) == [(4, "fazhi-not-fazhi")]
    # the quoted sentence changed around the match: the entry no longer applies, and says so
    changed = moved.replace("中的法制政府建设", "所说法制政府的建设")
    (tmp_path / "r.txt").write_text(changed, encoding="utf-8")
    proc = run_cli(
        "check", "--format", "json", "--select", "wording,metadata", "r.txt", cwd=tmp_path
    )
    found = [(v["path"], v["line"], v["rule"]) for v in json.loads(proc.stdout)["violations"]]
    assert ("r.txt", 5, "fazhi-not-fazhi") in found
    assert (".lintreport-ignore.yaml", 2, "unused-suppression") in found


def test_invalid_ignore_file_is_a_positioned_error(tmp_path: Path) -> None:
    _seed_like(tmp_path)
    (tmp_path / ".lintreport-ignore.yaml").write_text(
        "ignores:\n  - rule: fazhi-not-fazhi\n    fiel: r.txt\n    text: x\n", encoding="utf-8"
    )
    proc = run_cli("check", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".lintreport-ignore.yaml:3:5: 未知的键“fiel”" in proc.stderr


def test_fix_leaves_suppressed_findings_alone(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text(
        TITLE + "<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n"
        "引用原题：法制政府建设。\n大力推进法制政府建设。\n",
        encoding="utf-8",
    )
    txt = tmp_path / "b.txt"
    txt.write_text(
        "关于2023年度法治政府建设情况的报告\n引用：纲要》中的法制政府建设。\n大力推进法制政府建设。\n",
        encoding="utf-8",
    )
    (tmp_path / ".lintreport-ignore.yaml").write_text(
        "ignores:\n  - rule: fazhi-not-fazhi\n    file: b.txt\n"
        '    text: "纲要》中的[[法制政府]]建设"\n',
        encoding="utf-8",
    )
    proc = run_cli("check", "--fix", "--select", "wording", "a.md", "b.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert md.read_text(encoding="utf-8").endswith(
        "引用原题：法制政府建设。\n大力推进法治政府建设。\n"
    )
    assert txt.read_text(encoding="utf-8").endswith(
        "纲要》中的法制政府建设。\n大力推进法治政府建设。\n"
    )


def test_add_ignores_writes_entries_that_then_suppress(tmp_path: Path) -> None:
    (tmp_path / ".lintreport.yaml").write_text("select: [wording, metadata]\n", encoding="utf-8")
    draft = tmp_path / "reports" / "r.txt"
    draft.parent.mkdir()
    draft.write_text(
        "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设，压实主题责任。\n",
        encoding="utf-8",
    )
    before = json.loads(run_cli("check", "--format", "json", "reports", cwd=tmp_path).stdout)
    assert {v["rule"] for v in before["violations"]} >= {"fazhi-not-fazhi", "typo-zhuti-zeren"}
    added = run_cli("check", "--add-ignores", "reports", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    written = (tmp_path / ".lintreport-ignore.yaml").read_text(encoding="utf-8")
    assert 'file: "reports/r.txt"' in written and "[[法制政府]]" in written
    after = run_cli("check", "--format", "json", "reports", cwd=tmp_path)
    assert after.returncode == 0 and json.loads(after.stdout)["violations"] == []
    # a second run appends to the file, keeping what reviewers wrote
    (tmp_path / ".lintreport-ignore.yaml").write_text(
        written.replace('reason: ""', 'reason: "引用原文"', 1), encoding="utf-8"
    )
    draft.write_text(draft.read_text(encoding="utf-8") + "谁普法谁执法。\n", encoding="utf-8")
    assert run_cli("check", "--add-ignores", "reports", cwd=tmp_path).returncode == 0
    again = (tmp_path / ".lintreport-ignore.yaml").read_text(encoding="utf-8")
    assert 'reason: "引用原文"' in again and "[[谁普法谁执法]]" in again


def test_a_directive_spanning_lines_applies_after_its_end(tmp_path: Path) -> None:
    text = TITLE + (
        "<!-- lintreport-disable-next-line\n     fazhi-not-fazhi -->\n"  # 3-4
        "大力推进法制政府建设。\n"  # 5: suppressed
        "大力推进法制政府建设。\n"  # 6: reported
    )
    assert _check(tmp_path, "a.md", text) == [(6, "fazhi-not-fazhi")]


def test_explain_knows_the_builtin_rule() -> None:
    proc = run_cli("explain", "unused-suppression")
    assert proc.returncode == 0
    assert proc.stdout.startswith("unused-suppression  未起作用的忽略  （metadata / 警告）")
