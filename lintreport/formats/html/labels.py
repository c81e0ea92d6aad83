"""The Chinese words of the HTML report, and the short codes its CSS and script use."""

from __future__ import annotations

from html import escape

from ...model import Category, Severity

SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_CODE = {Severity.ERROR: "e", Severity.WARNING: "w", Severity.INFO: "i"}
CATEGORY_LABEL = {
    Category.STRUCTURE: "结构",
    Category.REFERENCE: "引用",
    Category.NUMBER: "数字",
    Category.WORDING: "用词",
    Category.PUNCTUATION: "标点",
    Category.METADATA: "元数据",
}
# Where the report year was read (DocumentInfo.year_source), so a reviewer sees why a
# time-aware rule fired.
YEAR_SOURCE = {
    "override": "指定",
    "title": "据标题",
    "opening": "据开头",
    "opening-since": "据开头“以来”",
    "heading": "据标题层级",
    "period": "据统计期间",
    "plan": "据下一年度安排",
}
UNKNOWN_TYPE = "未识别"
UNKNOWN_YEAR = "未能确定"


def esc(value: object) -> str:
    """Text for element content or a quoted attribute value."""
    return escape(str(value), quote=True)
