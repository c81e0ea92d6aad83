"""Carried patterns: compiled on first use, or brought compiled by the pack cache."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from lintreport.text import carried
from lintreport.text.carried import Carried

LOAD_PACK = """
from lintreport.pack import load_pack
from lintreport.text import carried
load_pack("fazhi-annual")
compiled = [key for key, c in carried._DECLARED.items() if c._compiled is not None]
print(len(carried._DECLARED), len(compiled))
"""


def test_compiled_once_on_first_use() -> None:
    p = Carried(r"(?P<y>\d{4})年 test_carried")
    assert p._compiled is None
    assert p().search("2024年 test_carried").group("y") == "2024"
    assert p() is p()


def test_install_takes_patterns_compiled_elsewhere() -> None:
    p = Carried(r"from another process \d+")
    shipped = pickle.loads(pickle.dumps({(p.pattern, p.flags): regex.compile(p.pattern)}))
    carried.install({**shipped, ("not declared here", 0): regex.compile("x")})
    assert p._compiled is shipped[(p.pattern, p.flags)]
    assert set(carried.compile_all()) == set(carried._DECLARED)


def test_a_pack_cache_hit_brings_every_declared_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LINTREPORT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("LINTREPORT_NO_CACHE", raising=False)

    def run() -> tuple[int, int]:
        out = subprocess.run(
            [sys.executable, "-c", LOAD_PACK], capture_output=True, text=True, check=True
        ).stdout
        declared, compiled = map(int, out.split())
        return declared, compiled

    declared, _ = run()  # a miss: loads the pack and writes the entry
    assert declared > 10
    assert run() == (declared, declared)  # a hit: all installed before any document is read
