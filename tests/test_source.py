"""Decoding real inputs: UTF-8, BOM, GB18030; clear one-line errors for everything else."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lintreport.document.source import decode_bytes, read_source
from lintreport.errors import InputError

TEXT = "关于2023年度法治政府建设情况的报告\n正文。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (TEXT.encode("gbk"), "gb18030", False),
        (TEXT.encode("gb18030"), "gb18030", False),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"), "utf-16-le", True),
    ],
)
def test_supported_encodings(data: bytes, encoding: str, bom: bool) -> None:
    source = decode_bytes(data, "x.txt")
    assert source.text == TEXT
    assert (source.encoding, source.bom) == (encoding, bom)
    assert source.encode(source.text) == data


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "为空"),
        (b"  \n\n", "为空"),
        (codecs.BOM_UTF8, "为空"),
        (b"PK\x03\x04rest", "不是文本文件"),
        (b"%PDF-1.7", "PDF"),
        ("报告".encode("utf-16") + b"\x00", "UTF-16 编码无效"),
        (codecs.BOM_UTF16_LE, "为空"),
        (b"abc\x00def", "NUL"),
        (b"\x81\x30\xff\xff\xfe", "无法识别"),
        (codecs.BOM_UTF8 + b"\xff\xfe", "UTF-8 编码无效"),
        (b"text\x01\x02", "控制字符"),
    ],
)
def test_bad_inputs_are_one_line_errors(data: bytes, fragment: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad.txt")
    assert fragment in info.value.message
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("bad.txt: ")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="目录"):
        read_source(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(TEXT.encode() * 100)
    with pytest.raises(InputError, match="文件过大"):
        read_source(path, max_bytes=1000)
