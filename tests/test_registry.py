"""The kind registry is complete and every kind documents itself with a runnable example."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import sys
from pathlib import Path

import pytest
import regex

import lintreport.checks as checks
from lintreport.pack import load_pack
from lintreport.pack.model import COMMON_KEYS
from lintreport.run.examples import rule_problems

_YAML_BLOCK = regex.compile(r"## Example\s*```yaml\n(?P<yaml>.*?)```", regex.DOTALL)


def _kind_modules() -> list[str]:
    """Modules of checks/ that define a kind (a `Params` class); helpers may live beside them."""
    names = [m.name for m in pkgutil.iter_modules(checks.__path__) if m.name != "base"]
    return sorted(
        n for n in names if hasattr(importlib.import_module(f"lintreport.checks.{n}"), "Params")
    )


def test_every_kind_module_is_registered() -> None:
    registered = {cls.__module__.rsplit(".", 1)[-1] for cls in checks.KINDS.values()}
    assert set(_kind_modules()) <= registered
    for name, cls in checks.KINDS.items():
        assert cls.__module__ == f"lintreport.checks.{name}", "a kind's name equals its module name"


@pytest.mark.parametrize("name", sorted(checks.KINDS))
def test_params_do_not_reuse_common_keys(name: str) -> None:
    fields = {f.name for f in dataclasses.fields(checks.KINDS[name].Params)}
    assert not fields & set(COMMON_KEYS)


@pytest.mark.parametrize("name", sorted(checks.KINDS))
def test_kind_docstring_has_sections_and_a_runnable_example(name: str, tmp_path: Path) -> None:
    doc = sys.modules[checks.KINDS[name].__module__].__doc__ or ""
    for section in ("## What it checks", "## Why", "## Example", "## Where it points"):
        assert section in doc, f"{name}: docstring lacks {section}"
    m = _YAML_BLOCK.search(doc)
    assert m, f"{name}: no ```yaml example"
    body = "\n".join("  " + line if line else line for line in m.group("yaml").splitlines())
    pack_file = tmp_path / "pack.yml"
    header = f"id: doc-{name.replace('_', '-')}\nname: 文档示例\nexamples:\n  year: 2023\nrules:\n"
    pack_file.write_text(header + body + "\n", encoding="utf-8")
    pack = load_pack(str(pack_file))
    assert pack.rules
    for rule in pack.rules:
        assert rule.kind == name
        assert not rule_problems(rule, pack)
