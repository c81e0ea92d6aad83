"""The Chinese user guide (docs/zh/) and the generated rule reference speak to drafters.

Grep-level checks, which are the honest ones here: the guide's pages exist and link to each other,
every option and command they name exists in the CLI, and the generated rule reference has no
English prose (identifiers in code spans, placeholders and regular expressions aside).
"""

from __future__ import annotations

import argparse
import re

import regex

from lintreport.cli.command import build_parser
from lintreport.pack import Pack

from .conftest import ROOT

ZH = ROOT / "docs" / "zh"
PAGES = ("index", "install", "check", "fix", "ignore", "config", "ci", "editors")
# Written by the issues that build these outputs; the guide links to them by these names.
LATER = {"word.md", "html-report.md"}
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _guide() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(ZH.glob("*.md"))}


def test_guide_pages_exist_and_the_index_links_them_all() -> None:
    guide = _guide()
    assert {f"{p}.md" for p in PAGES} <= set(guide)
    linked = set(_LINK.findall(guide["index.md"]))
    assert {f"{p}.md" for p in PAGES if p != "index"} | LATER <= linked


def test_guide_links_resolve() -> None:
    for name, text in _guide().items():
        for target in _LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            if target in LATER and not (ZH / target).exists():
                continue
            assert (ZH / target).resolve().exists(), (name, target)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/zh/index.md)" in readme


def _cli_vocabulary() -> tuple[set[str], set[str]]:
    """Every option string and every command of the CLI."""
    options: set[str] = set()
    commands: set[str] = set()

    def visit(parser: argparse.ArgumentParser) -> None:
        for action in parser._actions:
            options.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    commands.add(name)
                    visit(sub)

    visit(build_parser())
    return options, commands


def test_every_option_and_command_the_guide_names_exists() -> None:
    options, commands = _cli_vocabulary()
    for name, guide in _guide().items():
        # options of other tools (pip, git, python -m build) are not ours to check
        text = "\n".join(
            line for line in guide.split("\n") if not re.search(r"\b(pip|git|python)\b.*--", line)
        )
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]+|-[jVh])\b", text):
            assert option in options, (name, option)
        for command in re.findall(r"\blintreport ([a-z][a-z-]+)", text):
            assert command in commands, (name, command)


def _english_words(markdown: str) -> list[str]:
    """Words of Latin letters outside code, links, placeholders and identifiers."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<!--.*?-->|<[a-z]+://[^>]*>", "", text)
    text = re.sub(r"\{[a-z_]+\}", "", text)  # message placeholders
    text = re.sub(r"--[a-z][a-z-]*", "", text)  # command-line options named in messages
    words = re.findall(r"[A-Za-z][A-Za-z0-9_.-]*", text)
    # rule ids, kinds and standards (GB/T 9704-2012) are names, not prose; X/N/Y stand for figures
    return [
        w for w in words if not re.search(r"[-_0-9]", w) and w not in ("GB", "T") and len(w) > 1
    ]


def test_generated_rule_reference_is_chinese() -> None:
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert _english_words(rules_md) == []
    assert _english_words("**说明**：see the notes 见 `code` 与 GB/T 9704-2012") == [
        "see",
        "the",
        "notes",
    ]


def test_every_example_note_is_chinese(packs: list[Pack]) -> None:
    """Notes reach users through explain and docs/rules.md, so they are written in Chinese."""
    for rule in (r for p in packs for r in p.rules):
        for example in (*rule.bad, *rule.good):
            if example.note:
                assert regex.search(r"\p{Han}", example.note), (rule.id, example.note)
                assert not re.search(r"[A-Za-z]+ [A-Za-z]+ [A-Za-z]+", example.note), example.note
