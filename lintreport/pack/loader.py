"""Load a rule pack: read YAML, validate every rule, compile its check, report all issues at once.

A pack is a directory with `pack.yml` (metadata, `include:` files, `extends:`, `overrides:`,
`rules:`) or a single YAML file. Nothing in a pack is executed: `yaml.SafeLoader` only, regexes
compiled by the `regex` module, `when:` parsed by conditions.py.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import field
from pathlib import Path
from typing import Any

import regex

from ..checks import KINDS, ParamError
from ..document.classify import TypeSignals
from ..errors import PackIssue
from ..messages import YEAR_FIELDS, unknown_placeholders, unproven_document_fields
from ..model import Category, Severity
from ..record import record
from .conditions import ConditionError, parse_condition
from .example_spec import parse_examples
from .locate import project_roots, resolve_pack, rules_root
from .model import COMMON_KEYS, REQUIRED_KEYS, Pack, Rule
from .schema import MISSING, Validator, did_you_mean
from .yamlpos import Node, YamlLoadError, load_yaml


# Compiled on first use (functools.cache: once per process), not at import: only loading a pack (a
# pack-cache miss) needs these.
@functools.cache
def _rule_id() -> regex.Pattern[str]:
    return regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


_HAN = regex.compile(r"\p{Han}")
# A folded YAML scalar (`description: >`) joins lines with a space; between Chinese characters
# that space is a typo the author never wrote.
_CJK = r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’…—]"


@functools.cache
def _folded_cjk_space() -> regex.Pattern[str]:
    return regex.compile(rf"(?<={_CJK})[ \n]+(?={_CJK})")


MAX_PACK_BYTES = 4 * 1024 * 1024


@record(frozen=True, kw_only=True)
class Recognize:
    """`recognize:` in pack.yml — what a document of the pack's report type looks like."""

    title: list[str] = field(default_factory=list, metadata={"regex": True})
    opening: list[str] = field(default_factory=list, metadata={"regex": True})
    headings: list[str] = field(default_factory=list, metadata={"regex": True})
    exclude_title: list[str] = field(default_factory=list, metadata={"regex": True})


@record(frozen=True, kw_only=True)
class PackMeta:
    id: str
    name: str
    version: str = "1"
    report_type: str | None = None
    description: str | None = None
    sources: list[str] = field(default_factory=list)
    extends: str | None = None
    include: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, int] = field(default_factory=dict)
    recognize: Recognize | None = None


@record(frozen=True, kw_only=True)
class Override:
    severity: Severity | None = None
    enabled: bool | None = None


def _outside(target: Path, *roots: Path) -> bool:
    """Whether `target` (symlinks resolved) lies outside every one of `roots`."""
    resolved = target.resolve()
    return not any(resolved.is_relative_to(r.resolve()) for r in roots)


def _unfold_cjk(text: str) -> str:
    return _folded_cjk_space().sub("", text)


class _Loader:
    def __init__(self) -> None:
        self.issues: list[PackIssue] = []
        self.files: list[Path] = []  # every pack file read: the pack cache checks them
        self.used_extends = False

    def read(self, path: Path) -> Node | None:
        name = str(path)
        self.files.append(path.resolve())
        try:
            if path.stat().st_size > MAX_PACK_BYTES:
                self.issues.append(PackIssue(name, 1, 1, "规则包文件过大"))
                return None
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.issues.append(PackIssue(name, 1, 1, f"无法读取规则包：{exc}"))
            return None
        try:
            node, issues = load_yaml(text, name)
        except YamlLoadError as exc:
            self.issues.append(exc.issue)
            return None
        self.issues.extend(issues)
        if node is None or not isinstance(node.value, dict):
            what = "空文件" if node is None else f"“{type(node.plain()).__name__}”"
            self.issues.append(
                PackIssue(name, 1, 1, f"规则包应为 YAML 映射（键: 值），实际是{what}")
            )
            return None
        return node

    def load(self, path: Path, chain: tuple[Path, ...] = ()) -> Pack | None:
        name = str(path)  # as the user named it: error positions read best that way
        path = path.resolve()
        if path in chain:
            self.issues.append(PackIssue(name, 1, 1, "extends 形成循环引用"))
            return None
        root = self.read(path)
        if root is None:
            return None
        v = Validator(name)
        meta = v.build(root, PackMeta, reserved=("rules",))
        self.issues.extend(v.issues)
        if meta is MISSING:
            return None
        base: Pack | None = None
        if meta.extends:
            self.used_extends = True
            target = resolve_pack(meta.extends, path.parent)
            if target is None:
                self.issue(
                    name, root.key_position("extends"), f"找不到要继承的规则包“{meta.extends}”"
                )
            elif _outside(target, rules_root(), *project_roots(path)):
                self.issue(
                    name,
                    root.key_position("extends"),
                    f"extends 只能指向内置规则包或本项目内的规则包，“{meta.extends}”不是，未读取",
                )
            else:
                base = self.load(target, (*chain, path))
        rule_nodes: list[tuple[Node, str, str]] = []
        own = root.value.get("rules")
        if own is not None:
            rule_nodes += [(node, file, "type") for node, file in self.rule_list(own, name)]
        for inc in meta.include:
            # normalised, so a file two packs include (../shared/x.yml) has one origin in both
            inc_path = Path(os.path.normpath(path.parent / inc))
            if _outside(inc_path, rules_root(), *project_roots(path)):
                # Never opened: an error about it would quote its lines.
                self.issue(
                    name,
                    root.key_position("include"),
                    f"include 只能包含本项目或内置规则包内的文件，“{inc}”不是，未读取",
                )
                continue
            inc_root = self.read(inc_path) if inc_path.is_file() else None
            if inc_root is None:
                if not inc_path.is_file():
                    self.issue(name, root.key_position("include"), f"找不到包含的文件“{inc}”")
                continue
            for key in inc_root.value:
                if key not in ("rules", "description", "applies_to"):
                    self.issue(
                        str(inc_path),
                        inc_root.key_position(key),
                        f"未知的键“{key}”" + did_you_mean(key, ["rules", "applies_to"]),
                    )
            default = self.applies_to_default(inc_root, str(inc_path))
            if "rules" in inc_root.value:
                rule_nodes += [
                    (node, file, default)
                    for node, file in self.rule_list(inc_root.value["rules"], str(inc_path))
                ]
        example_year = meta.examples.get("year")
        rules: list[Rule] = list(base.rules) if base else []
        seen = {r.id: r.origin for r in rules}
        for node, file, applies_default in rule_nodes:
            # Duplicates are checked on the raw id, so a rule with other mistakes still counts.
            raw_id = node.value["id"].value if "id" in node.value else None
            if isinstance(raw_id, str) and raw_id in seen:
                message = f"规则 id“{raw_id}”重复（已在 {seen[raw_id]} 定义）"
                self.issue(file, node.key_position("id"), message)
                continue
            if isinstance(raw_id, str):
                seen[raw_id] = f"{file}:{node.line}"
            rule = self.rule(node, file, meta.id, example_year, applies_default)
            if rule is not None:
                rules.append(rule)
        rules = self.apply_overrides(rules, meta.overrides, root, name)
        report_type = meta.report_type or (base.report_type if base else None)
        return Pack(
            id=meta.id,
            name=meta.name,
            report_type=report_type,
            version=str(meta.version),
            description=meta.description,
            sources=tuple(meta.sources),
            path=name,
            rules=tuple(rules),
            example_year=example_year
            if example_year is not None
            else (base.example_year if base else None),
            recognize=self.recognize(meta, report_type, root, name)
            if meta.recognize is not None
            else (base.recognize if base else None),
        )

    def applies_to_default(self, root: Node, path: str) -> str:
        node = root.value.get("applies_to")
        if node is None:
            return "type"
        if node.value not in ("type", "any"):
            self.issue(path, (node.line, node.column), "applies_to 应为 type 或 any")
            return "type"
        return str(node.value)

    def recognize(
        self, meta: PackMeta, report_type: str | None, root: Node, path: str
    ) -> TypeSignals | None:
        spec = meta.recognize
        if spec is None:
            return None
        if report_type is None:
            self.issue(path, root.key_position("recognize"), "recognize 需要同时写明 report_type")
            return None
        return TypeSignals(
            report_type=report_type,
            name=meta.name,
            title=tuple(regex.compile(p, regex.V1) for p in spec.title),
            opening=tuple(regex.compile(p, regex.V1) for p in spec.opening),
            headings=tuple(regex.compile(p, regex.V1) for p in spec.headings),
            exclude_title=tuple(regex.compile(p, regex.V1) for p in spec.exclude_title),
        )

    def issue(self, path: str, pos: tuple[int, int], message: str) -> None:
        self.issues.append(PackIssue(path, pos[0], pos[1], message))

    def rule_list(self, node: Node, path: str) -> list[tuple[Node, str]]:
        if not isinstance(node.value, list):
            self.issue(path, (node.line, node.column), "rules 应为规则列表")
            return []
        out = []
        for item in node.value:
            if isinstance(item.value, dict):
                out.append((item, path))
            else:
                self.issue(path, (item.line, item.column), "每条规则应为映射（键: 值）")
        return out

    def apply_overrides(
        self, rules: list[Rule], overrides: dict[str, Any], root: Node, path: str
    ) -> list[Rule]:
        if not overrides:
            return rules
        node = root.value["overrides"]
        by_id = {r.id: i for i, r in enumerate(rules)}
        for alias_rule in rules:
            for alias in alias_rule.aliases:
                by_id.setdefault(alias, by_id[alias_rule.id])
        for rule_id, child in node.value.items():
            pos = node.key_position(rule_id)
            if rule_id not in by_id:
                self.issue(
                    path, pos, f"overrides 中的规则“{rule_id}”不存在" + did_you_mean(rule_id, by_id)
                )
                continue
            index = by_id[rule_id]
            if child.value in ("off", False):
                rules[index] = dataclasses.replace(rules[index], enabled=False)
                continue
            v = Validator(path)
            value = v.build(child, Override)
            self.issues.extend(v.issues)
            if value is MISSING:
                continue
            changes: dict[str, Any] = {}
            if value.severity is not None:
                changes["severity"] = value.severity
            if value.enabled is not None:
                changes["enabled"] = value.enabled
            rules[index] = dataclasses.replace(rules[index], **changes)
        return rules

    def rule(
        self,
        node: Node,
        path: str,
        pack_id: str,
        example_year: int | None,
        applies_default: str = "type",
    ) -> Rule | None:
        values = node.value
        before = len(self.issues)
        v = Validator(path)
        for key in REQUIRED_KEYS:
            if key not in values:
                v.issue(node, f"规则缺少必需的键“{key}”")
        rule_id = values["id"].value if "id" in values else None
        if rule_id is not None and (not isinstance(rule_id, str) or not _rule_id().match(rule_id)):
            v.issue(
                values["id"], f"规则 id“{rule_id}”应为小写字母、数字和连字符（如 outdated-plan）"
            )
        kind_cls = None
        if "kind" in values:
            kind_name = values["kind"].value
            kind_cls = KINDS.get(kind_name) if isinstance(kind_name, str) else None
            if kind_cls is None:
                v.issue(
                    values["kind"],
                    f"未知的检查类型“{kind_name}”"
                    + did_you_mean(str(kind_name), KINDS)
                    + f"（可用：{'、'.join(sorted(KINDS))}）",
                )
        common: dict[str, Any] = {}
        enum_keys: dict[str, Any] = {"category": Category, "severity": Severity}
        for key, enum in enum_keys.items():
            if key in values:
                raw = values[key].value
                try:
                    common[key] = enum(raw)
                except ValueError:
                    allowed = [e.value for e in enum]
                    v.issue(
                        values[key],
                        f"{key}“{raw}”无效，可选：{'、'.join(allowed)}"
                        + did_you_mean(str(raw), allowed),
                    )
        for key in ("message", "source", "title", "description", "link"):
            if key in values:
                raw = values[key].value
                if isinstance(raw, list) and key == "source":
                    raw = "；".join(str(x) for x in raw)
                if raw is not None and not isinstance(raw, str):
                    v.issue(values[key], f"{key} 应为字符串")
                else:
                    common[key] = _unfold_cjk(raw) if isinstance(raw, str) else raw
        if isinstance(common.get("message"), str) and not _HAN.search(common["message"]):
            v.issue(values["message"], "message 应使用中文（面向用户的提示一律中文）")
        title = common.get("title")
        if isinstance(title, str) and (not _HAN.search(title) or "\n" in title.strip()):
            v.issue(values["title"], "title 应为一行中文短标题")
        fix = values["fix"].value if "fix" in values else "none"
        if fix not in ("none", "safe", "unsafe"):
            v.issue(
                values["fix"],
                f"fix“{fix}”无效，可选：none、safe、unsafe"
                + did_you_mean(str(fix), ["none", "safe", "unsafe"]),
            )
        when = None
        if "when" in values:
            when_node = values["when"]
            try:
                when = parse_condition(str(when_node.value))
            except ConditionError as exc:
                quote = 1 if when_node.style in ('"', "'") else 0
                v.issue(
                    (when_node.line, when_node.column + quote + exc.pos), f"when 条件无效：{exc}"
                )
        applies_to = applies_default
        if "applies_to" in values:
            applies_to = values["applies_to"].value
            if applies_to not in ("type", "any"):
                message = "applies_to 应为 type（本报告类型）或 any（任何文档）"
                v.issue(values["applies_to"], message)
        years: dict[str, int | None] = {"since": None, "until": None}
        for key in years:
            if key in values:
                raw = values[key].value
                if isinstance(raw, int) and not isinstance(raw, bool) and 1949 <= raw <= 2100:
                    years[key] = raw
                else:
                    v.issue(values[key], f"{key} 应为报告年度（如 2019）")
        if years["since"] and years["until"] and years["since"] > years["until"]:
            v.issue(values["until"], "until 早于 since：该规则不会对任何年度生效")
        aliases = values["aliases"].plain() if "aliases" in values else []
        enabled = values["enabled"].value if "enabled" in values else True
        check = params = None
        if kind_cls is not None:
            params = v.build(node, kind_cls.Params, reserved=COMMON_KEYS)
            if params is not MISSING:
                try:
                    check = kind_cls(params)
                except ParamError as exc:
                    pos = (
                        node.key_position(exc.key)
                        if exc.key in values
                        else (node.line, node.column)
                    )
                    v.issue(pos, exc.message)
        if check is not None and isinstance(common.get("message"), str):
            guaranteed = set(check.guaranteed_fields())
            if "since" in values or "until" in values:
                guaranteed |= YEAR_FIELDS  # a year-scoped rule never runs without the year
            # The message and the kind's other message templates (message_unframed, …).
            templates = {"message": common["message"]} | {
                f.name: getattr(params, f.name)
                for f in dataclasses.fields(params)
                if f.name.startswith("message") and isinstance(getattr(params, f.name), str)
            }
            for key, template in templates.items():
                for name in unproven_document_fields(
                    template, check.allowed_placeholders(), guaranteed
                ):
                    v.issue(
                        values[key],
                        f"{key} 中的“{{{name}}}”在文档没有这一信息时无值，会原样显示给用户："
                        f"请写成“{{{name}|替代文字}}”（如“{{{name}|××××}}”），"
                        "或用 since/until 限定年度",
                    )
            for name in unknown_placeholders(common["message"], check.allowed_placeholders()):
                v.issue(
                    values["message"],
                    f"message 中的占位符“{{{name}}}”不存在"
                    + did_you_mean(name, check.allowed_placeholders()),
                )
        bad, good = parse_examples(values.get("examples"), path, example_year, v)
        self.issues.extend(v.issues)
        if len(self.issues) > before or check is None:
            return None
        return Rule(
            id=rule_id,
            kind=kind_cls.name,
            category=common["category"],
            severity=common["severity"],
            message=common["message"],
            source=common["source"],
            title=common["title"].strip() if common.get("title") else None,
            description=common.get("description"),
            link=common.get("link"),
            fix=fix,
            when=when,
            aliases=tuple(aliases),
            enabled=bool(enabled),
            bad=bad,
            good=good,
            check=check,
            params=params,
            pack=pack_id,
            origin=f"{path}:{node.line}",
            applies_to=applies_to,
            since=years["since"],
            until=years["until"],
        )


__all__ = ["MAX_PACK_BYTES"]
