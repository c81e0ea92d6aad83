"""A lean start: each command imports only what its run uses (see docs/architecture.md).

Run in a fresh interpreter, since the test process has imported everything long ago. Nothing here
is timed: the tests say which modules must stay out, and that the lists the parser keeps for
itself still match the registries they mirror.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from lintreport.cli.parser import build_parser
from lintreport.formats import FORMATS, NAMES
from lintreport.formats.text import _plain_printer

from .conftest import SEEDS

# Calls lintreport.cli.main as the console script does, then lists the imported modules.
WRAPPER = (
    "import sys, json\n"
    "from lintreport.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + '\\n')\n"
    "sys.exit(code)\n"
)

# Never needed by `check --format json` of a .txt file without a configuration, pack cache warm.
NOT_FOR_CHECK = (
    "rich",
    "yaml",
    "docx",
    "lxml",
    "tomllib",
    "pathspec",
    "zipfile",
    "multiprocessing",
    "lintreport.formats.text",
    "lintreport.formats.html",
    "lintreport.formats.sarif",
    "lintreport.formats.word",
    "lintreport.cli.annotate",
    "lintreport.cli.docgen",
    "lintreport.cli.explain",
    "lintreport.cli.lsp",
    "lintreport.run.fixer",
    "lintreport.run.stdin",
    "lintreport.run.examples",
    "lintreport.policy.baseline",
    "lintreport.pack.loader",
)
# Never needed to print the version or the help.
NOT_FOR_HELP = (
    *NOT_FOR_CHECK,
    "regex",
    "dataclasses",
    "lintreport.model",
    "lintreport.errors",
    "lintreport.checks",
    "lintreport.document",
    "lintreport.pack",
    "lintreport.policy",
    "lintreport.run",
    "lintreport.formats.json_format",
)


def _modules(args: list[str], cwd: Path) -> tuple[int, str, set[str]]:
    env = {**os.environ, "LINTREPORT_CACHE_DIR": str(cwd / "cache"), "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args],
        cwd=cwd,
        env=env,
        capture_output=True,  # stdout and stderr are pipes, not terminals
        text=True,
        encoding="utf-8",
    )
    _, marker, listed = done.stderr.rpartition("\nMODULES ")
    assert marker, done.stderr[-2000:]
    return done.returncode, done.stdout, set(json.loads(listed))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_import_no_command(args: list[str], tmp_path: Path) -> None:
    code, out, modules = _modules(args, tmp_path)
    assert code == 0 and out.strip()
    assert _loaded(modules, NOT_FOR_HELP) == []
    if args == ["--version"]:  # answered before the parser is built
        assert "argparse" not in modules and "lintreport.cli.parser" not in modules


def test_check_json_imports_only_what_it_uses(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(SEEDS[0].read_bytes())
    args = ["check", "--format", "json", "report.txt"]
    first, out, _ = _modules(args, tmp_path)  # fills the pack cache
    assert first == 1 and json.loads(out)["violations"]
    code, again, modules = _modules(args, tmp_path)
    assert code == 1 and again == out
    assert _loaded(modules, NOT_FOR_CHECK) == []
    # the check did run: the runner, the checks and the selected format were imported
    assert {"lintreport.run.runner", "lintreport.formats.json_format"} <= modules


def test_parser_format_choices_are_the_registry() -> None:
    check = build_parser()._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    [option] = [a for a in check._actions if "--format" in a.option_strings]
    assert sorted(option.choices) == sorted(NAMES) == sorted(FORMATS)
    for name in NAMES:  # each listed module really defines the format it is listed under
        assert FORMATS[name].name == name


@pytest.mark.parametrize(
    "parts",
    [
        [("a.txt:1:1", "bold"), (": ", ""), ("警告", "yellow"), (" [r] ", "dim"), ("甲\t乙", "")],
        [("\t", ""), ("x\ty\t\tz", "dim")],
        [("全角\t半角\tab\t", "")],
        [("回车\r响铃\x07退格\x08分页\x0c垂直\x0b", ""), ("'带 空格'.docx", "dim")],
        [("", "")],
    ],
)
def test_plain_text_lines_are_what_rich_writes_without_colour(parts: list[tuple[str, str]]) -> None:
    """The text format writes plain lines itself; they must stay byte-identical to rich's."""
    ours = io.StringIO()
    _plain_printer(ours)(parts, "dim")
    theirs = io.StringIO()
    console = Console(
        file=theirs,
        force_terminal=False,
        no_color=True,
        color_system=None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
    line = Text(style="dim")
    for text, style in parts:
        line.append(text, style=style or None)
    console.print(line)
    assert ours.getvalue() == theirs.getvalue()
