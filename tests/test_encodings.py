"""The same report stored as GBK/GB18030 (Chinese Windows) gives the same findings as UTF-8."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from .conftest import SEEDS, run_cli


def _findings(path: Path) -> list[tuple[int, int, int, int, str, str]]:
    proc = run_cli("check", "--format", "json", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"] == []
    return [
        (v["line"], v["column"], v["end_line"], v["end_column"], v["rule"], v["message"])
        for v in data["violations"]
    ]


def test_gbk_copy_of_a_seed_gives_the_same_findings(tmp_path: Path) -> None:
    seed = next(p for p in SEEDS if p.name.startswith("004_"))
    text = seed.read_text(encoding="utf-8")
    utf8 = tmp_path / "utf8.txt"
    gbk = tmp_path / "gbk.txt"
    utf8.write_bytes(text.encode("utf-8"))
    gbk.write_bytes(text.encode("gbk"))
    expected = _findings(utf8)
    assert expected
    assert _findings(gbk) == expected


def test_every_gbk_encodable_seed_matches(tmp_path: Path) -> None:
    compared = 0
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            continue  # e.g. a no-break space, which GBK cannot store
        copy = tmp_path / seed.name
        copy.write_bytes(data)
        assert _findings(copy) == _findings(seed), seed.name
        compared += 1
    assert compared >= 3


def test_utf16_with_bom_is_read_and_fixed_in_its_own_encoding(tmp_path: Path) -> None:
    """“Unicode” in Notepad and Word is UTF-16 with a BOM: same findings, --fix keeps it."""
    seed = next(p for p in SEEDS if p.name.startswith("004_"))
    text = seed.read_text(encoding="utf-8").replace("\n", "\r\n")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(text.encode("utf-8"))
    expected = _findings(utf8)
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + text.encode(codec))
        assert _findings(path) == expected
        fixed = run_cli("check", "--fix", str(path))
        assert fixed.returncode in (0, 1), fixed.stderr
        data = path.read_bytes()
        assert data.startswith(bom)
        after = data[len(bom) :].decode(codec)
        assert after != text and "\r\n" in after and "\n" not in after.replace("\r\n", "")
        run_cli("check", "--fix", str(utf8))
        assert after == utf8.read_bytes().decode("utf-8")  # the same fixes as the UTF-8 copy


# -- short GBK texts that happen to be valid UTF-8 ---------------------------------------------


@pytest.mark.parametrize("text", ["(一)", "一", "一一", "(一) 2023"])
def test_short_gbk_that_is_valid_utf8_reads_as_gbk(text: str) -> None:
    from lintreport.document.source import decode_bytes

    data = text.encode("gbk")
    data.decode("utf-8")  # the trap: these bytes are valid UTF-8 too
    source = decode_bytes(data, "short.txt")
    assert (source.text, source.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", ["Café", "naïve résumé", "（一）工作", "一、总体情况", "Ω ≈ 1"])
def test_utf8_look_alikes_stay_utf8(text: str) -> None:
    from lintreport.document.source import decode_bytes

    source = decode_bytes(text.encode("utf-8"), "short.txt")
    assert (source.text, source.encoding) == (text, "utf-8")
