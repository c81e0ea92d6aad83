"""End to end: start `lintreport lsp` as a subprocess and speak JSON-RPC to it over stdio."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lintreport.cli.lsp import code_units

from .conftest import SEEDS, lintreport_command

TEST_PACK = """\
id: lsp-test
name: 语言服务器测试规则包
rules:
  - id: test-halfwidth-comma
    kind: pattern
    category: punctuation
    severity: warning
    message: "{message}"
    source: GB/T 15834-2011《标点符号用法》
    link: https://example.org/rules/test-halfwidth-comma
    fix: safe
    pattern: "(?<=\\\\p{{Han}}),(?=\\\\p{{Han}})"
    replace: "，"
    examples:
      bad:
        - text: 甲[[,]]乙
          fixed: 甲，乙
      good:
        - 甲，乙
"""


class Client:
    """A minimal LSP client: framed JSON-RPC on the server's stdin/stdout."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [*lintreport_command(), "lsp", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, predicate, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        skipped: list[dict[str, Any]] = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching message from the server; got {skipped[-3:]}")
            try:
                message = self.messages.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.proc.poll() is not None and self.messages.empty():
                    assert self.proc.stderr is not None
                    stderr = self.proc.stderr.read().decode("utf-8", "replace")
                    raise AssertionError(f"the server exited: {stderr[-2000:]}") from None
                continue
            if predicate(message):
                return message
            skipped.append(message)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and (version is None or m["params"].get("version") == version)
            )
        )
        return message["params"]["diagnostics"]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[Client]:
    c = Client(tmp_path)
    c.request(
        "initialize",
        {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
    )
    c.notify("initialized", {})
    yield c
    c.close()


def _open(c: Client, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    c.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}},
    )
    return uri


def _write_pack(directory: Path, message: str) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / "pack.yml").write_text(TEST_PACK.format(message=message), encoding="utf-8")
    return directory


def test_seed_003_gets_diagnostics_on_open(client: Client, tmp_path: Path) -> None:
    seed = next(p for p in SEEDS if p.name.startswith("003_"))
    uri = _open(client, tmp_path / "report.txt", seed.read_text(encoding="utf-8"))
    diagnostics = client.diagnostics(uri)
    assert diagnostics
    for d in diagnostics:
        assert d["source"] == "lintreport"
        assert d["code"] and d["message"]
        assert d["severity"] in (1, 2, 3)
    # The same findings as the command line, at the same (UTF-16 == code point here) places.
    cli = subprocess.run(
        [*lintreport_command(), "check", "--format", "json", str(seed)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    expected = sorted((v["rule"], v["line"] - 1) for v in json.loads(cli.stdout)["violations"])
    assert sorted((d["code"], d["range"]["start"]["line"]) for d in diagnostics) == expected

    # The pack's own half-width punctuation rule: its quick fix turns "," into "，".
    text = seed.read_text(encoding="utf-8")
    comma = next(
        d
        for d in diagnostics
        if d["code"] == "halfwidth-punctuation"
        and d["range"]["end"]["character"] - d["range"]["start"]["character"] == 1
        and text.split("\n")[d["range"]["start"]["line"]][d["range"]["start"]["character"]] == ","
    )
    [action] = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": comma["range"],
            "context": {"diagnostics": [comma], "only": ["quickfix"]},
        },
    )
    [edit] = action["edit"]["documentChanges"][0]["edits"]
    assert edit == {"range": comma["range"], "newText": "，"}


def test_astral_character_shifts_utf16_columns_and_code_action_fixes_comma(
    tmp_path: Path,
) -> None:
    pack = _write_pack(tmp_path / "pack", "中文之间的半角逗号应为全角“{replacement}”。")
    c = Client(tmp_path)
    try:
        c.request(
            "initialize",
            {
                "processId": None,
                "rootUri": tmp_path.as_uri(),
                "capabilities": {},
                "initializationOptions": {"packs": [str(pack)]},
            },
        )
        c.notify("initialized", {})
        text = "标题\n𠀀法治政府建设,依法行政。\n"
        uri = _open(c, tmp_path / "draft.txt", text)
        [diagnostic] = c.diagnostics(uri)
        assert diagnostic["code"] == "test-halfwidth-comma"
        assert diagnostic["codeDescription"]["href"].endswith("/test-halfwidth-comma")
        assert diagnostic["severity"] == 2
        # "𠀀" is one code point but two UTF-16 code units: the comma is at code point 7 of the
        # line, UTF-16 unit 8.
        assert text.split("\n")[1].index(",") == 7
        assert diagnostic["range"] == {
            "start": {"line": 1, "character": 8},
            "end": {"line": 1, "character": 9},
        }
        actions = c.request(
            "textDocument/codeAction",
            {
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic], "only": ["quickfix"]},
            },
        )
        [action] = actions
        [change] = action["edit"]["documentChanges"]
        assert change["textDocument"] == {"uri": uri, "version": 1}
        [edit] = change["edits"]
        assert edit["newText"] == "，"
        assert _apply_utf16(text, edit) == "标题\n𠀀法治政府建设，依法行政。\n"

        # Typing (debounced) republishes: the fixed text has nothing left to report.
        fixed = _apply_utf16(text, edit)
        c.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]},
        )
        assert c.diagnostics(uri, version=2) == []

        # Editing the pack is picked up without a restart.
        _write_pack(pack, "测试规则包已更新：应为“{replacement}”。")
        c.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]},
        )
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        [again] = c.diagnostics(uri, version=3)
        assert again["message"].startswith("测试规则包已更新")
    finally:
        c.close()


def test_fix_all_source_action(client: Client, tmp_path: Path) -> None:
    text = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设。深化法制政府认识。\n"
    uri = _open(client, tmp_path / "a.txt", text)
    diagnostics = [d for d in client.diagnostics(uri) if d["code"] == "fazhi-not-fazhi"]
    assert len(diagnostics) == 2
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    [action] = actions
    assert action["kind"] == "source.fixAll.lintreport"
    result = text
    for edit in sorted(
        action["edit"]["documentChanges"][0]["edits"],
        key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]),
        reverse=True,
    ):
        result = _apply_utf16(result, edit)
    assert "法制" not in result


def test_code_units() -> None:
    assert code_units("𠀀a", "utf-16") == 3
    assert code_units("𠀀a", "utf-32") == 2
    assert code_units("𠀀a", "utf-8") == 5
    assert code_units("\ud800a", "utf-16") == 2  # a lone surrogate in a buffer: one unit


def _apply_utf16(text: str, edit: dict[str, Any]) -> str:
    """Apply an LSP TextEdit whose positions count UTF-16 code units."""
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start["line"] == end["line"]
    units = lines[start["line"]].encode("utf-16-le")
    line = (
        units[: 2 * start["character"]].decode("utf-16-le")
        + edit["newText"]
        + units[2 * end["character"] :].decode("utf-16-le")
    )
    lines[start["line"]] = line
    return "\n".join(lines)


def test_configuration_and_suppression_apply_and_config_edits_are_picked_up(
    client: Client, tmp_path: Path
) -> None:
    config = tmp_path / ".lintreport.yaml"
    config.write_text("ignore: [reversed-slogan]\n", encoding="utf-8")
    text = (
        "关于2023年度法治政府建设情况的报告\n"
        "<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n"
        "大力推进法制政府建设。\n"
        "开展谁普法谁执法活动，深化法制政府认识。\n"
    )
    uri = _open(client, tmp_path / "draft.md", text)
    codes = [(d["code"], d["range"]["start"]["line"]) for d in client.diagnostics(uri)]
    assert ("fazhi-not-fazhi", 2) not in codes  # suppressed by the comment
    assert ("fazhi-not-fazhi", 3) in codes
    assert all(code != "reversed-slogan" for code, _ in codes)  # ignored by the config

    config.write_text("ignore: [fazhi-not-fazhi]\n", encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles",
        {"changes": [{"uri": config.as_uri(), "type": 2}]},
    )
    codes = [d["code"] for d in client.diagnostics(uri)]
    assert "reversed-slogan" in codes
    assert "fazhi-not-fazhi" not in codes


def test_negotiated_utf32_positions_and_empty_buffer(tmp_path: Path) -> None:
    pack = _write_pack(tmp_path / "pack", "半角逗号应为“{replacement}”。")
    c = Client(tmp_path, "--pack", str(pack))
    try:
        reply = c.request(
            "initialize",
            {
                "processId": None,
                "rootUri": tmp_path.as_uri(),
                "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}},
            },
        )
        assert reply["capabilities"]["positionEncoding"] == "utf-32"
        c.notify("initialized", {})
        uri = _open(c, tmp_path / "draft.txt", "𠀀甲,乙\n")
        [diagnostic] = c.diagnostics(uri)
        assert diagnostic["range"]["start"] == {"line": 0, "character": 2}  # code points
        empty = _open(c, tmp_path / "new.txt", "")
        assert c.diagnostics(empty) == []
    finally:
        c.close()


def test_changes_are_debounced_into_one_lint(client: Client, tmp_path: Path) -> None:
    uri = _open(client, tmp_path / "typing.txt", "大力推进法制政府建设。")
    client.diagnostics(uri, version=1)
    for version in range(2, 7):  # five keystrokes, well inside the debounce window
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": "大力推进法制政府建设。" * version}],
            },
        )
    final = client.diagnostics(uri)  # the first publish after typing stops
    assert len([d for d in final if d["code"] == "fazhi-not-fazhi"]) == 6
    time.sleep(0.6)
    late = []
    while not client.messages.empty():
        message = client.messages.get_nowait()
        if message.get("method") == "textDocument/publishDiagnostics":
            late.append(message)
    assert late == []  # versions 2-5 were never linted
