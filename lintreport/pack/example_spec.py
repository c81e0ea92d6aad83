"""A rule's `examples:` — bad and good documents with `[[…]]` markers — read from the pack YAML.

Apart from the loader so that the loader stays about reading packs and rules; the examples are
run by run/examples.py.
"""

from __future__ import annotations

from typing import Any

import regex

from .model import Example
from .schema import Validator, did_you_mean
from .yamlpos import Node

_MARKER = regex.compile(r"\[\[(.*?)\]\]", regex.DOTALL)


def parse_examples(
    node: Node | None, path: str, year: int | None, v: Validator
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if node is None:
        return (), ()
    if not isinstance(node.value, dict):
        v.issue(node, "examples 应为映射：{bad: [...], good: [...]}")
        return (), ()
    out: dict[str, list[Example]] = {"bad": [], "good": []}
    for key, child in node.value.items():
        if key not in out:
            v.issue(node.key_position(key), f"examples 中未知的键“{key}”" + did_you_mean(key, out))
            continue
        if not isinstance(child.value, list) or not child.value:
            v.issue(child, f"examples.{key} 应为非空列表")
            continue
        for item in child.value:
            ex = _parse_example(item, path, year, v, bad=key == "bad")
            if ex is not None:
                out[key].append(ex)
    for key in out:
        if key not in node.value:
            v.issue(node, f"examples 缺少“{key}”：每条规则都要有错误和正确的示例")
    return tuple(out["bad"]), tuple(out["good"])


def _parse_example(
    item: Node, path: str, year: int | None, v: Validator, *, bad: bool
) -> Example | None:
    fields: dict[str, Any]
    if isinstance(item.value, str):
        fields = {"text": item.value}
    elif isinstance(item.value, dict):
        fields = item.plain()
        allowed = {
            "text", "year", "fixed", "message", "count", "note", "path", "report_type",
            "previous",
        }  # fmt: skip
        for key in fields:
            if key not in allowed:
                v.issue(
                    item.key_position(key),
                    f"示例中未知的键“{key}”" + did_you_mean(key, allowed),
                )
                return None
        if not isinstance(fields.get("text"), str):
            v.issue(item, "示例缺少 text")
            return None
    else:
        v.issue(item, "示例应为字符串或映射")
        return None
    raw = fields["text"]
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    last = 0
    length = 0
    for m in _MARKER.finditer(raw):
        parts.append(raw[last : m.start()])
        length += m.start() - last
        spans.append((length, length + len(m.group(1))))
        parts.append(m.group(1))
        length += len(m.group(1))
        last = m.end()
    parts.append(raw[last:])
    text = "".join(parts)
    if spans and not bad:
        v.issue(item, "正确示例中不应有 [[…]] 标记")
    return Example(
        text=text,
        spans=tuple(spans),
        marked=bool(spans),
        year=fields.get("year", year),
        path=fields.get("path", "example.txt"),
        fixed=fields.get("fixed"),
        message=fields.get("message"),
        count=fields.get("count"),
        note=fields.get("note"),
        origin=f"{path}:{item.line}",
        # Without `report_type`, an example is a document of its pack's type (most are one
        # sentence, too short to be recognised); `report_type: null` lets the type be inferred.
        infer_type="report_type" in fields and fields["report_type"] is None,
        report_type=fields.get("report_type"),
        previous=fields.get("previous") if isinstance(fields.get("previous"), str) else None,
    )
