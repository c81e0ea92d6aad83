"""No raw `{placeholder}` can reach a user: every message of every built-in rule, rendered as it
would be for a document whose year and title are unknown, is filled."""

from __future__ import annotations

import dataclasses

import pytest

from lintreport.errors import PackError
from lintreport.messages import DOCUMENT_FIELDS, render_finding
from lintreport.pack import Rule, builtin_packs, load_pack, load_packs


def _rules() -> list[Rule]:
    return [r for p in load_packs(builtin_packs()) for r in p.rules]


def _templates(rule: Rule) -> list[tuple[str, str]]:
    """The rule's message and every other message template among its parameters."""
    found = [("message", rule.message)]
    for f in dataclasses.fields(rule.params):
        value = getattr(rule.params, f.name)
        if f.name.startswith("message") and isinstance(value, str):
            found.append((f.name, value))
    return found


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.id)
def test_message_renders_without_placeholders_when_year_and_title_are_unknown(rule: Rule) -> None:
    guaranteed = set(rule.check.guaranteed_fields())
    if rule.since is not None or rule.until is not None:
        guaranteed |= {"report_year", "next_year"}
    # The finding's own values are always there; a document value only where the rule cannot
    # fire without it.
    args = {name: "值" for name in rule.check.allowed_placeholders() if name not in DOCUMENT_FIELDS}
    args |= {name: "值" for name in rule.check.allowed_placeholders() & DOCUMENT_FIELDS}
    document = {name: ("值" if name in guaranteed else None) for name in DOCUMENT_FIELDS}
    for key, template in _templates(rule):
        rendered = render_finding(template, args, document)
        assert "{" not in rendered and "}" not in rendered, f"{rule.id}.{key}: {rendered}"


def test_a_message_showing_an_unknown_year_without_fallback_is_a_pack_error(tmp_path) -> None:
    pack = tmp_path / "p.yml"
    pack.write_text(
        """id: p
name: 测试
rules:
  - id: needs-year
    kind: pattern
    category: wording
    severity: warning
    message: "本报告年度为{report_year}年。"
    source: 《党政机关公文处理工作条例》第九条
    terms:
      甲乙: 乙甲
    examples:
      bad: ["[[甲乙]]"]
      good: ["乙甲"]
""",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as exc:
        load_pack(str(pack))
    assert "“{report_year}”在文档没有这一信息时无值" in str(exc.value)
    pack.write_text(
        pack.read_text(encoding="utf-8").replace("{report_year}", "{report_year|××××}"),
        encoding="utf-8",
    )
    (rule,) = load_pack(str(pack)).rules
    assert render_finding(rule.message, {}, {"report_year": None}) == "本报告年度为××××年。"
