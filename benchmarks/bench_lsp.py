"""Time from starting `lintreport lsp` to the first diagnostics of an opened report.

An editor starts the language server when a report is opened, then waits for its diagnostics:
that wait is what this measures (initialize, initialized, didOpen, the first
publishDiagnostics), over stdio as an editor speaks to it. Used by bench.py (`--only lsp`).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any


def _send(stream: IO[bytes], message: dict[str, Any]) -> None:
    body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def _read(stream: IO[bytes]) -> dict[str, Any]:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise RuntimeError("the language server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        key, _, value = line.decode("ascii").partition(":")
        if key.strip().lower() == "content-length":
            length = int(value)
    if length is None:
        raise RuntimeError("a message without Content-Length")
    return json.loads(stream.read(length))


def first_diagnostics(exe: Sequence[str], report: Path, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from starting the server to the first diagnostics of `report`, and their count."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*exe, "lsp"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,  # little is written there: read once the server has ended
            env=env,
        )
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _send(
                proc.stdin,
                {
                    "id": 1,
                    "method": "initialize",
                    "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
                },
            )
            try:
                while _read(proc.stdout).get("id") != 1:
                    pass
            except RuntimeError:
                proc.wait(10)
                said = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
                raise RuntimeError(said or "the language server ended before answering") from None
            _send(proc.stdin, {"method": "initialized", "params": {}})
            document = {
                "uri": (root / "report.txt").as_uri(),
                "languageId": "plaintext",
                "version": 1,
                "text": report.read_text(encoding="utf-8"),
            }
            _send(
                proc.stdin, {"method": "textDocument/didOpen", "params": {"textDocument": document}}
            )
            while (message := _read(proc.stdout)).get(
                "method"
            ) != "textDocument/publishDiagnostics":
                pass
            seconds = time.perf_counter() - start
            _send(proc.stdin, {"id": 2, "method": "shutdown"})
            while _read(proc.stdout).get("id") != 2:
                pass
            _send(proc.stdin, {"method": "exit"})
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return seconds, len(message["params"]["diagnostics"])
