"""Hostile inputs cost only themselves: each is one line of Chinese, in bounded time and memory
(the child runs under a memory cap), and every other file of the run is still checked."""

from __future__ import annotations

import io
import os
import signal
import socket
import struct
import time
import zipfile
from pathlib import Path

import pytest

from .harness import DRAFT, assert_clean_failure, checked, run_capped, start_capped, tree_state

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and sockets are POSIX")


def _drafts(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DRAFT, encoding="utf-8")


def test_deeply_nested_title_marks(tmp_path: Path) -> None:
    depth = 20_000  # 120 KB: 4.1 GB and 17 s before
    (tmp_path / "nested.txt").write_text(
        DRAFT + "依据" + "《" * depth + "法" + "》" * depth + "。\n", encoding="utf-8"
    )
    _drafts(tmp_path, "ok.txt")
    outcome = run_capped("check", "-j", "1", "nested.txt", "ok.txt", cwd=tmp_path)
    assert outcome.code == 1, outcome.output[-2000:]
    assert checked(outcome, "nested.txt") and checked(outcome, "ok.txt")
    assert "Traceback" not in outcome.output


def test_millions_of_empty_lines_are_refused_by_size(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text(DRAFT + "\n" * 3_000_000 + "正文。\n", encoding="utf-8")
    _drafts(tmp_path, "ok.txt")
    outcome = run_capped("check", "-j", "1", "empty.txt", "ok.txt", cwd=tmp_path)
    assert outcome.code == 2
    assert "数过多" in assert_clean_failure(outcome, "empty.txt")
    assert checked(outcome, "ok.txt")


def _docx(paragraphs: int, pad: int = 0) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    for i in range(paragraphs):
        document.add_paragraph(f"第{i}段，推进依法行政工作。")
    buffer = io.BytesIO()
    document.save(buffer)
    if not pad:
        return buffer.getvalue()
    # A member that inflates to `pad` bytes while its headers declare 1,000.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><!--" + b"A" * pad + b"-->", 1)
            z.writestr(info.filename, data)
    raw = bytearray(out.getvalue())
    name = b"word/document.xml"
    at = raw.find(name)
    while at >= 0:
        if raw[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", raw, at - 30 + 22, 1000)
        if raw[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", raw, at - 46 + 24, 1000)
        at = raw.find(name, at + 1)
    return bytes(raw)


def test_docx_that_under_declares_its_size(tmp_path: Path) -> None:
    (tmp_path / "bomb.docx").write_bytes(_docx(10, pad=300 * 1024 * 1024))
    _drafts(tmp_path, "ok.txt")
    outcome = run_capped("check", "-j", "1", "bomb.docx", "ok.txt", cwd=tmp_path)
    assert outcome.code == 2
    assert ".docx" in assert_clean_failure(outcome, "bomb.docx")
    assert checked(outcome, "ok.txt")


@posix
def test_special_files_are_refused_at_once_named_or_walked(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.txt")  # nobody writes to it: reading would block forever
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # endless: reading would fill memory
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
    except OSError:  # a path too long for a socket address
        server.close()
        server = None  # type: ignore[assignment]
    _drafts(tmp_path, "ok.txt")
    before = tree_state(tmp_path)
    try:
        for args in (["fifo.txt", "zero.txt", "ok.txt"], ["."]):
            outcome = run_capped("check", "-j", "1", *args, cwd=tmp_path)
            assert outcome.code == 2
            assert "普通文件" in assert_clean_failure(outcome, "fifo.txt")
            assert "普通文件" in assert_clean_failure(outcome, "zero.txt")
            assert checked(outcome, "ok.txt")
    finally:
        if server is not None:
            server.close()
    assert tree_state(tmp_path) == before


def test_unreadable_directory_is_reported(tmp_path: Path) -> None:
    if hasattr(os, "getuid") and os.getuid() == 0:
        pytest.skip("root reads every directory whatever its mode")
    _drafts(tmp_path, "ok.txt", "closed/a.txt")
    (tmp_path / "closed").chmod(0)
    try:
        outcome = run_capped("check", "-j", "1", ".", cwd=tmp_path)
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert "无法读取目录" in assert_clean_failure(outcome, "closed")
    assert checked(outcome, "ok.txt")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to find workers")
def test_a_dead_worker_costs_only_its_file(tmp_path: Path) -> None:
    names = [f"d{i:03d}.txt" for i in range(600)]
    _drafts(tmp_path, *names)
    process = start_capped("check", "-j", "2", "--format", "json", ".", cwd=tmp_path)
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= 2:
            time.sleep(0.1)  # let the workers get going
            try:
                os.kill(workers[0], signal.SIGKILL)  # what the OOM killer does
            except ProcessLookupError:  # it had just finished: pick another
                continue
            killed = True
            break
        time.sleep(0.01)
    stdout, stderr = process.communicate(timeout=120)
    if not killed:
        pytest.skip("the run ended before a worker could be killed")
    import json

    report = json.loads(stdout)
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stdout + stderr
    died = [e for e in report["errors"] if "进程意外终止" in e["message"]]
    assert len(died) <= 3  # the files the dead worker may have held, nothing more
    checked_paths = {d["path"] for d in report["documents"]}
    assert checked_paths | {e["path"] for e in died} == set(names)
    assert process.returncode in (1, 2)


@posix
def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    _drafts(tmp_path, "a\nb.txt", "esc\x1b[31mred.txt")
    for fmt in ("text", "gcc"):
        outcome = run_capped("check", "-j", "1", "--format", fmt, ".", cwd=tmp_path)
        assert outcome.code == 1
        assert "\x1b" not in outcome.output
        lines = outcome.stdout.splitlines()
        assert any(line.startswith("a\\nb.txt:3:") for line in lines)
        assert any(line.startswith("esc\\x1b[31mred.txt:3:") for line in lines)
        assert not any(line.startswith("b.txt") for line in lines)  # no line broken in two
