"""The generated references in docs/ match the packs and kinds they are generated from."""

from __future__ import annotations

from pathlib import Path

from lintreport.checks import KINDS
from lintreport.cli import docgen

ROOT = Path(__file__).resolve().parents[1]


def test_committed_docs_are_fresh(packs) -> None:
    for name, text in docgen.render_all(packs).items():
        path = ROOT / "docs" / name
        assert path.is_file(), f"docs/{name} is missing: run `python -m lintreport.cli.docgen`"
        assert path.read_text(encoding="utf-8") == text, (
            f"docs/{name} is stale: run `python -m lintreport.cli.docgen` and commit the result"
        )


def test_rule_reference_covers_every_rule_and_its_fields(packs) -> None:
    text = docgen.render_rules(packs)
    for pack in packs:
        for rule in pack.rules:
            assert f"#### `{rule.id}`" in text
            assert rule.source in text
            assert rule.message in text


def test_check_reference_documents_every_kind_and_parameter() -> None:
    text = docgen.render_checks()
    for name, cls in KINDS.items():
        assert f"## {name}\n" in text
        for field_name, *_ in docgen.param_docs(cls.Params):
            assert f"| `{field_name}` |" in text
    # nested parameter dataclasses get their own tables
    assert "##### `Section` 的字段" in text


def test_main_writes_both_files(tmp_path) -> None:
    assert docgen.main(["--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {docgen.RULES_FILE, docgen.CHECKS_FILE}
