"""`lintreport check --fix` on copies of the seeds: applies the safe fixes, keeps encoding, BOM and
line endings, never changes the number of lines, and a second run changes nothing."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from .conftest import SEEDS, run_cli

SELECT = ("--select", "wording,punctuation")


def _copy_seeds(tmp_path: Path) -> dict[str, str]:
    """Copies of the seeds plus a GB18030 copy and a BOM+CRLF copy; returns name -> encoding."""
    encodings: dict[str, str] = {}
    for seed in SEEDS:
        target = tmp_path / seed.name
        target.write_bytes(seed.read_bytes())
        target.chmod(target.stat().st_mode | stat.S_IWUSR)
        encodings[seed.name] = "utf-8"
    text_001 = next(s for s in SEEDS if s.name.startswith("001")).read_text("utf-8")
    (tmp_path / "001-gb18030.txt").write_bytes(text_001.encode("gb18030"))
    encodings["001-gb18030.txt"] = "gb18030"
    text_003 = next(s for s in SEEDS if s.name.startswith("003")).read_text("utf-8")
    crlf = "\ufeff" + text_003.replace("\r\n", "\n").replace("\n", "\r\n")
    (tmp_path / "003-bom-crlf.txt").write_bytes(crlf.encode("utf-8"))
    encodings["003-bom-crlf.txt"] = "utf-8-sig"
    return encodings


def _snapshot(tmp_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(tmp_path.glob("*.txt"))}


def _lines(data: bytes, encoding: str) -> int:
    return data.decode(encoding).count("\n")


@pytest.mark.parametrize("select", [SELECT, ()], ids=["wording-punctuation", "whole-pack"])
def test_fix_twice_on_seed_copies(tmp_path: Path, select: tuple[str, ...]) -> None:
    encodings = _copy_seeds(tmp_path)
    before = _snapshot(tmp_path)

    first = run_cli("check", *select, "--fix", str(tmp_path))
    assert first.returncode in (0, 1), first.stderr
    after = _snapshot(tmp_path)
    assert after != before, "the seeds have safe fixes (half-width marks, 〔〕, 法制政府 …)"

    second = run_cli("check", *select, "--fix", str(tmp_path))
    assert second.returncode in (0, 1), second.stderr
    assert _snapshot(tmp_path) == after, "a second --fix must change nothing"

    for name, data in after.items():
        encoding = encodings[name]
        data.decode(encoding)  # still decodes in the original encoding
        assert _lines(data, encoding) == _lines(before[name], encoding), name
        assert data.count(b"\r\n") == before[name].count(b"\r\n"), name
        assert data.startswith(b"\xef\xbb\xbf") == before[name].startswith(b"\xef\xbb\xbf")


def test_fixed_text_has_the_expected_edits(tmp_path: Path) -> None:
    _copy_seeds(tmp_path)
    run_cli("check", *SELECT, "--fix", str(tmp_path))

    gb = (tmp_path / "001-gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gb.decode("utf-8")  # written back as GB18030, not silently converted
    text = gb.decode("gb18030")
    assert "《法治保山建设规划（2021—2025年）》" in text
    assert "保政发〔2022〕10号" in text
    assert "重大行政决策程序制度。完善" in text
    assert "报告如下：\n" in text

    bom = (tmp_path / "003-bom-crlf.txt").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in bom.replace(b"\r\n", b"")
    assert "中共铁岭市委法治建设委员会：\r\n" in bom.decode("utf-8-sig")
    assert "强化法治政府学习" in bom.decode("utf-8-sig")

    text_004 = next(tmp_path.glob("004*.txt")).read_text("utf-8")
    assert "大力推进法治政府建设" in text_004
    assert "“谁执法谁普法”工作方式" in text_004
    assert "扛实主体责任" in text_004
    # Not a safe fix: which half of 近十余次 to keep is the author's choice.
    assert "近十余次" in text_004

    text_000 = next(tmp_path.glob("000*.txt")).read_text("utf-8")
    assert "《贯彻落实〈关于加强对“一把手”和领导班子监督的若干措施〉责任清单》" in text_000


def test_no_fixable_finding_left_after_fix(tmp_path: Path) -> None:
    _copy_seeds(tmp_path)
    run_cli("check", *SELECT, "--fix", str(tmp_path))
    result = run_cli("check", *SELECT, "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    assert [v for v in report["violations"] if v["fix"] is not None] == []
    rules = {v["rule"] for v in report["violations"]}
    assert "halfwidth-punctuation" not in rules
    assert {"contradictory-approximation", "unbalanced-paired-marks"} <= rules
