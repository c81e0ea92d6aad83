"""Findings stay byte-identical whatever the code path: `-j 1`, `-j 2` and the API.

Speed work changes how findings are produced (workers, streaming, lazy imports, faster scans);
it must never change what is found. The inputs are the five seeds, the shared corpus of real
reports (../shared/corpus, when present) and the first 200 reports of the benchmark corpus
(benchmarks/make_corpus.py is seeded: a 200-file build is byte-identical to the first 200 files
of the 2,000-file benchmark corpus). Each file's findings are compared with a SHA-256 committed
in tests/golden/findings_sha256.json, written at main 54752c7 (before issue 18). Regenerate after
an intended change of findings with::

    LINTREPORT_UPDATE_GOLDEN=1 pytest tests/test_findings_identical.py

and say in the commit which findings changed and why.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from benchmarks import make_corpus
from lintreport import RunOptions, lint_paths
from lintreport.formats.json_format import document_dict, error_dict, violation_dict
from lintreport.pack import Pack

from .conftest import ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden" / "findings_sha256.json"
SHARED = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = 200  # ~2.7 MB: about a second per code path on one core

Findings = dict[str, list[dict[str, Any]]]  # stable file name -> its findings, path left out


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Directory -> stable prefix of its files' names in the golden file."""
    corpus = tmp_path_factory.mktemp("findings") / "corpus"
    total = make_corpus.DEFAULT_TOTAL_BYTES * CORPUS_FILES // make_corpus.DEFAULT_COUNT
    make_corpus.build(corpus, CORPUS_FILES, total, seed=20231231)
    found = {"seeds": ROOT / "seeds", "corpus": corpus}
    if SHARED.is_dir():
        found["shared"] = SHARED
    return found


def stable_name(path: str, sources: Mapping[str, Path]) -> str:
    """A file's name independent of the temporary directory and the current directory."""
    resolved = (ROOT / path).resolve()
    for prefix, directory in sources.items():
        if resolved.is_relative_to(directory.resolve()):
            return f"{prefix}/{resolved.relative_to(directory.resolve()).as_posix()}"
    raise AssertionError(f"{path} is in none of the linted directories")


def group(
    violations: Iterable[dict[str, Any]],
    documents: Iterable[dict[str, Any]],
    errors: Iterable[dict[str, Any]],
    sources: Mapping[str, Path],
) -> Findings:
    """Per file: its document entry, its violations and its errors, in output order."""
    out: Findings = defaultdict(list)
    names: dict[str, str] = {}  # resolving a path costs system calls: once per file
    for kind, items in (("document", documents), ("violation", violations), ("error", errors)):
        for item in items:
            path = item["path"]
            if path not in names:
                names[path] = stable_name(path, sources)
            fields = {k: v for k, v in item.items() if k != "path"}
            out[names[path]].append({"kind": kind, **fields})
    return dict(out)


def digests(findings: Findings) -> dict[str, str]:
    def sha(items: list[dict[str, Any]]) -> str:
        data = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    return {name: sha(items) for name, items in sorted(findings.items())}


def cli_json(sources: Mapping[str, Path], jobs: int) -> str:
    paths = [str(p) for p in sources.values()]
    proc = run_cli("check", "--no-gitignore", "--format", "json", "-j", str(jobs), *paths)
    assert proc.returncode == 1, proc.stderr  # findings, no file errors
    assert "Traceback" not in proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def serial_output(sources: dict[str, Path]) -> str:
    return cli_json(sources, 1)


def from_cli(output: str, sources: Mapping[str, Path]) -> Findings:
    data = json.loads(output)
    return group(data["violations"], data["documents"], data["errors"], sources)


def test_findings_match_golden(serial_output: str, sources: dict[str, Path]) -> None:
    actual = digests(from_cli(serial_output, sources))
    assert len(actual) == sum(
        1 for d in sources.values() for p in d.rglob("*") if p.suffix == ".txt"
    )
    if os.environ.get("LINTREPORT_UPDATE_GOLDEN"):
        if "shared" not in sources:
            pytest.fail("the shared corpus (../shared/corpus) is needed to write the golden file")
        GOLDEN.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    if "shared" not in sources:  # checked wherever the real reports are at hand
        expected = {k: v for k, v in expected.items() if not k.startswith("shared/")}
    changed = sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
    assert not changed, f"findings changed in {len(changed)} files, first: {changed[:5]}"


def test_two_workers_write_the_same_bytes(serial_output: str, sources: dict[str, Path]) -> None:
    assert cli_json(sources, 2) == serial_output


@pytest.mark.parametrize("jobs", [1, 2])
def test_api_finds_the_same(
    jobs: int, serial_output: str, sources: dict[str, Path], packs: list[Pack]
) -> None:
    options = RunOptions(jobs=jobs, respect_gitignore=False, keep_text=False)
    result = lint_paths([str(p) for p in sources.values()], packs, options)
    violations = [violation_dict(v) for v in result.violations]
    documents = [document_dict(d) for d in result.documents]
    errors = [error_dict(e) for e in result.errors]
    assert group(violations, documents, errors, sources) == from_cli(serial_output, sources)
