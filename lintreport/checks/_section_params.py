"""Parameter parts of the `required_sections` kind, shared with its section finder."""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from ..record import record


@record(frozen=True, kw_only=True)
class Form:
    at: Literal["subheading", "paragraph"] = field(
        metadata={"doc": "subheading：二级及以下标题的标题文字；paragraph：正文段落中的任意位置"}
    )
    pattern: list[str] = field(metadata={"doc": "匹配这种形式的正则表达式", "regex": True})
    label: str = field(metadata={"doc": "提示中对这种形式的称呼（填入 {form}）"})
    severity: Literal["ok", "info", "warning"] = field(
        default="warning", metadata={"doc": "以这种形式出现时的严重程度；ok 表示可以接受、不报告"}
    )
    within: list[str] = field(
        default_factory=list,
        metadata={"doc": "只在这些章节（name）的范围内查找；空表示不限"},
    )
    min_count: int = field(
        default=1,
        metadata={"doc": "至少有几个不同的 pattern 各自匹配到（如部门报告八项履职内容中的两项）"},
    )


@record(frozen=True, kw_only=True)
class Requirement:
    pattern: list[str] = field(
        metadata={"doc": "章节正文（标题之后）必须出现的措辞，任一匹配即可", "regex": True}
    )
    label: str = field(metadata={"doc": "缺少时提示中的称呼（填入 {missing}）"})
    severity: Literal["info", "warning"] = field(
        default="warning", metadata={"doc": "缺少时的严重程度"}
    )


@record(frozen=True, kw_only=True)
class Section:
    name: str = field(metadata={"doc": "章节名称（填入 {section}）"})
    headings: list[str] = field(
        default_factory=list, metadata={"doc": "一级标题中出现其一即视为该章节的词语"}
    )
    heading_patterns: list[str] = field(
        default_factory=list,
        metadata={
            "doc": "一级标题匹配其一即视为该章节的正则表达式（如“存在的主要问题及原因”）",
            "regex": True,
        },
    )
    since: int | None = field(
        default=None,
        metadata={
            "doc": "从哪一报告年度起要求本章节（如依据的规定该年起施行）；年度不明时不要求",
        },
    )
    thematic: bool = field(
        default=False,
        metadata={"doc": "第一个一级标题不属于任何必备章节时，视为本章节（主题式标题）"},
    )
    ordered: bool = field(default=True, metadata={"doc": "是否检查它在规范顺序中的位置"})
    forms: list[Form] = field(
        default_factory=list, metadata={"doc": "没有对应一级标题时可以接受的较弱形式，按顺序尝试"}
    )
    requires: Requirement | None = field(
        default=None, metadata={"doc": "章节正文必须包含的内容（如不足部分的原因分析）"}
    )
    severity: Literal["error", "warning", "info"] | None = field(
        default=None, metadata={"doc": "缺少这一章节时的严重程度；默认用规则的 severity"}
    )
