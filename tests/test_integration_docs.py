"""The snippets users copy from docs/ci.md and docs/editors.md parse, and the hook manifest is
valid for pre-commit itself."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pre_commit.clientlib import load_manifest

from .conftest import ROOT

_BLOCK = re.compile(r"^```(yaml|json)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(name: str) -> list[tuple[str, str]]:
    return _BLOCK.findall((ROOT / "docs" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["ci.md", "editors.md"])
def test_yaml_and_json_snippets_parse(name: str) -> None:
    blocks = _blocks(name)
    assert blocks
    for language, body in blocks:
        if language == "yaml":
            assert yaml.safe_load(body) is not None
        else:
            try:
                json.loads(body)
            except json.JSONDecodeError:
                json.loads("{" + body + "}")  # a member to paste into an existing object


def test_hook_manifest_is_valid_and_matches_the_docs() -> None:
    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "lintreport"
    assert hook["entry"] == "lintreport check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("a.txt", "b.md", "c.docx", "D.DOCX"))
    assert not files.search("notes.pdf")
    configs = [yaml.safe_load(body) for lang, body in _blocks("ci.md") if "repos:" in body]
    hook_ids = {h["id"] for c in configs for repo in c["repos"] for h in repo["hooks"]}
    assert hook_ids == {"lintreport"}
