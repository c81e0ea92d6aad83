"""Turn the bytes of a file into text, remembering what is needed to write it back unchanged.

Drafts arrive as UTF-8, UTF-8 with a BOM (Notepad), GB18030/GBK (Chinese Windows), or UTF-16
with a BOM (what Notepad and Word call "Unicode"). Anything else, binary files and empty files
are an `InputError` with a one-line Chinese message. A file is written back by `--fix` in the
encoding it came in, BOM included.
Line endings are normalised to "\\n" in `Source.text` so that columns never count "\\r"; the
original ending of every line is kept so that `--fix` writes CRLF files back as CRLF.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path

from ..errors import InputError
from ..record import record
from .tables import Table

# Reports are a few hundred KB at most; this guards memory, not users.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# A plain-text report is a few hundred KB; 16 MB is forty times the longest real one and lints in
# seconds. A larger text file is almost always a log or a dump: refuse it by its size, before
# reading it, unless the user raises the limit (--max-file-size). Word files keep the larger
# limit above: their images count in the file size but are never read.
DEFAULT_MAX_TEXT_BYTES = 16 * 1024 * 1024

# The longest real report has ~2,000 lines (paragraphs) and ~200,000 characters. A document far
# beyond that is a log, a dump or an attack (15 million empty lines); every rule's work and the
# per-line model grow with it, so it is refused by its size instead of growing without bound.
MAX_LINES = 100_000


def too_many_lines(lines: int) -> str:
    return f"行（段落）数过多（{lines} 行，上限 {MAX_LINES} 行），不像报告，未检查"


_NEWLINE = re.compile(r"(\r\n|\r|\n)")
# C0 control characters other than \t \n \v \f \r: never in a text file, always in binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")

_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}

_BINARY_MAGIC = {
    b"PK\x03\x04": "ZIP/Office 文件",
    b"%PDF": "PDF 文件",
    b"\xd0\xcf\x11\xe0": "旧版 Word（.doc）等 OLE 文件",
    b"\x89PNG": "PNG 图片",
    b"\xff\xd8\xff": "JPEG 图片",
    b"GIF8": "GIF 图片",
    b"\x7fELF": "可执行文件",
}


@record(frozen=True, slots=True)
class Source:
    """Decoded text of one input and how it was stored."""

    path: str
    text: str
    encoding: str  # "utf-8", "gb18030", "utf-16-le" or "utf-16-be"
    bom: bool
    line_endings: tuple[str, ...]  # one per line of `text`: "\n", "\r\n", "\r" or "" (last line)
    # Line number -> heading level declared by the file's own markup rather than its text (Word
    # heading styles in a .docx); structure.py treats such a line as a heading of that level.
    heading_levels: Mapping[int, int] = field(default_factory=dict)
    # Tables the file's markup declares (.docx, .html), cells spanning `text`; plain text and
    # Markdown have none here (Document reads Markdown pipe tables from the lines).
    tables: tuple[Table, ...] = ()

    def encode(self, text: str) -> bytes:
        """Encode `text` (with "\\n" newlines) back to bytes the way the original was stored."""
        lines = text.split("\n")
        if len(lines) == len(self.line_endings):
            endings = self.line_endings
        else:
            # The line count changed (a fix never does this, but be safe): use the dominant ending.
            dominant = max(set(self.line_endings), key=self.line_endings.count, default="\n")
            dominant = dominant or "\n"
            endings = tuple([dominant] * (len(lines) - 1) + [self.line_endings[-1]])
        raw = "".join(line + ending for line, ending in zip(lines, endings, strict=True))
        data = raw.encode(self.encoding)
        return (_BOMS[self.encoding] + data) if self.bom else data


def _split_endings(text: str) -> tuple[str, tuple[str, ...]]:
    if "\r" not in text:
        lines = text.split("\n")
        return text, tuple(["\n"] * (len(lines) - 1) + [""])
    parts = _NEWLINE.split(text)
    lines = parts[0::2]
    endings = [*parts[1::2], ""]
    return "\n".join(lines), tuple(endings)


# A long GBK text is never valid UTF-8 by chance (its two-byte pairs soon break UTF-8's rules).
_SHORT = 1024


# Compiled on first use (functools.cache: once per process), not at import: only a short input that
# is both valid UTF-8 and plausible GBK needs it.
@functools.cache
def _han_or_cjk() -> re.Pattern[str]:
    return re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _gbk_more_plausible(body: bytes, utf8: str) -> bool:
    """A short GBK text can also be valid UTF-8: `(一)` is 28 D2 BB 29, UTF-8 for `(\u04bb)`.

    Chinese drafts are what we read: when a short text's UTF-8 reading holds non-ASCII text but
    not one Chinese character or mark nor a Latin accent (only what GBK pairs decode to: Greek,
    Cyrillic, Armenian, Hebrew, Arabic…), and the GB18030 reading is Chinese, the bytes are
    GB18030. A real UTF-8 Chinese text holds Chinese characters and is never second-guessed.
    """
    if len(body) > _SHORT or utf8.isascii() or _han_or_cjk().search(utf8) is not None:
        return False
    if any("\u0080" <= ch <= "\u024f" for ch in utf8):
        return False  # Latin accents (Café, naïve) are what UTF-8 text really holds
    try:
        gbk = body.decode("gb18030")
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in gbk if not ch.isascii()]
    chinese = sum(1 for ch in non_ascii if _han_or_cjk().match(ch))
    return bool(non_ascii) and chinese * 2 > len(non_ascii)


def _looks_binary(text: str) -> bool:
    return _CONTROL.search(text, 0, 65536) is not None


def _decode_8bit(body: bytes, bom: bool, path: str) -> tuple[str, str]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if bom:
            raise InputError(
                path, f"UTF-8 编码无效（第 {exc.start} 字节附近），文件可能已损坏"
            ) from None
        try:
            return body.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                path, "无法识别的文本编码（既不是 UTF-8 也不是 GB18030/GBK），请另存为 UTF-8"
            ) from None
    if not bom and _gbk_more_plausible(body, text):
        return body.decode("gb18030"), "gb18030"
    return text, "utf-8"


def decode_bytes(data: bytes, path: str) -> Source:
    """Decode `data` or raise InputError with a one-line message naming `path`."""
    if not data.strip(b" \t\r\n\f\v") or data in (codecs.BOM_UTF8,):
        raise InputError(path, "文件为空，没有可检查的内容")
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # before decoding: the per-line model of 15 million empty lines would take 500 MB
        lines = data.count(b"\n") + 1
        if lines > MAX_LINES:
            raise InputError(path, too_many_lines(lines))
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(
                path, f"不是文本文件（看起来是{what}），请另存为 .txt、.md 或使用 .docx"
            )
    utf16 = next((e for e in ("utf-16-le", "utf-16-be") if data.startswith(_BOMS[e])), None)
    if b"\x00" in data and utf16 is None:
        raise InputError(path, "不是文本文件（含有 NUL 字节）")
    bom = utf16 is not None or data.startswith(codecs.BOM_UTF8)
    body = data[len(_BOMS[utf16 or "utf-8"]) :] if bom else data
    if utf16 is not None:
        try:
            text, encoding = body.decode(utf16), utf16
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"UTF-16 编码无效（第 {exc.start} 字节附近），文件可能已损坏"
            ) from None
    else:
        text, encoding = _decode_8bit(body, bom, path)
    if _looks_binary(text):
        raise InputError(path, "不是文本文件（含有控制字符），请另存为纯文本")
    if not text.strip():
        raise InputError(path, "文件为空，没有可检查的内容")
    normalised, endings = _split_endings(text)
    return Source(path=path, text=normalised, encoding=encoding, bom=bom, line_endings=endings)


def read_source(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_TEXT_BYTES
) -> Source:
    """Read and decode a file; every failure is an InputError, never an OSError."""
    name = display or str(path)
    return decode_bytes(read_bytes(path, name, max_bytes), name)


def read_bytes(path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file; every failure is an InputError naming `name`, never an OSError."""
    return read_regular(path, name, max_bytes)[0]


def read_regular(
    path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its status, as read from one open descriptor.

    A FIFO, device or socket is refused before a byte is read (O_NONBLOCK: opening a FIFO
    nobody writes must not hang), whether named or reached through a symlink (`a.txt` →
    /dev/zero); the size limit is checked on the opened file and the read stops past it, so a
    file that grows while read cannot exceed it either.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(name, "文件不存在") from None
    except IsADirectoryError:
        raise InputError(name, "这是一个目录，不是文件") from None
    except PermissionError:
        raise InputError(name, "没有读取权限") from None
    except OSError as exc:
        raise InputError(name, f"无法读取文件：{exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(name, "这是一个目录，不是文件")
        if not stat.S_ISREG(st.st_mode):
            what = (
                "命名管道（FIFO）"
                if stat.S_ISFIFO(st.st_mode)
                else "设备文件"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "套接字"
                if stat.S_ISSOCK(st.st_mode)
                else "特殊文件"
            )
            raise InputError(name, f"不是普通文件而是{what}，拒绝读取")
        _check_size(st.st_size, max_bytes, name)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            _check_size(total, max_bytes, name)
            chunks.append(chunk)
        return b"".join(chunks), st
    except OSError as exc:
        raise InputError(name, f"无法读取文件：{exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise InputError(
            name,
            f"文件过大（{size / (1024 * 1024):.0f} MB，上限 {max_bytes / (1024 * 1024):g} MB，"
            "可用 --max-file-size 调整）",
        )
