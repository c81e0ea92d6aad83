"""What a user reads about every built-in rule: a short Chinese title and public sources only."""

from __future__ import annotations

import json

import regex

from lintreport.pack import Pack

from .conftest import ROOT, run_cli

_HAN = regex.compile(r"\p{Han}")
# A file name or a private note a source must never point at: the user cannot open them.
_FILE_NAME = regex.compile(
    r"(?i)\b[\w.-]+\.(?:md|py|ya?ml|txt|json|tsv|csv|docx?|pdf|html?)\b|domain\b|DESIGN\b"
    r"|\bseeds?\b|\[S\d+\]"
)


def test_every_builtin_rule_has_a_short_chinese_title(packs: list[Pack]) -> None:
    missing = [r.id for p in packs for r in p.rules if not r.title]
    assert not missing, f"rules without a title: {missing}"
    for rule in (r for p in packs for r in p.rules):
        assert rule.title is not None and _HAN.search(rule.title), rule.id
        assert len(rule.title) <= 24, (rule.id, rule.title)
    # a file included by both packs gives each the same rule: count each rule once
    unique = {(r.id, r.origin): r for p in packs for r in p.rules}
    titles = [r.title for r in unique.values()]
    assert len(titles) == len(set(titles)), "two rules share a title"


def test_sources_cite_public_documents_not_files(packs: list[Pack]) -> None:
    for pack in packs:
        for text in (*pack.sources, *(r.source for r in pack.rules)):
            assert not _FILE_NAME.search(text), text
            assert _HAN.search(text), text


def test_file_name_pattern_catches_what_it_must() -> None:
    bad_sources = ("准确（domain.md §8）", "notes.yml", "DESIGN §2", "样本 seed 003", "[S78]")
    for bad in bad_sources:
        assert _FILE_NAME.search(bad), bad
    for good in ("GB/T 9704-2012 §7.3.3", "《党政机关公文处理工作条例》（中办发〔2012〕14号）"):
        assert not _FILE_NAME.search(good), good


def test_every_rule_source_is_listed_in_docs_sources(packs: list[Pack]) -> None:
    """docs/sources.md lists each cited document once; a new citation must be added there."""
    listed = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    cited = {m for p in packs for r in p.rules for m in regex.findall(r"《[^《》]+》", r.source)}
    cited |= {m for p in packs for r in p.rules for m in regex.findall(r"GB/T \d+", r.source)}
    missing = sorted(c for c in cited if c not in listed)
    assert not missing, f"cited but not in docs/sources.md: {missing}"


def test_rules_and_sarif_show_the_title() -> None:
    rules = run_cli("rules")
    assert rules.returncode == 0
    assert "fazhi-not-fazhi" in rules.stdout and "“法治”误作“法制”" in rules.stdout
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    assert all(r["title"] for r in data)
    sarif = run_cli("check", "--format", "sarif", "seeds/004_d3385afb506ce1c5.txt")
    driver = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]
    rule = next(r for r in driver["rules"] if r["id"] == "outdated-fazhi-gangyao-2015")
    assert rule["name"] == rule["shortDescription"]["text"] == "引用已被取代的2015年纲要"
    assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"]
