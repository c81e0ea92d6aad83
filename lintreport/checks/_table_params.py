"""The YAML parameters of table_relation: a table's templates, its identities, narrative checks.

Their own module, as _section_params.py for required_sections, so the kind stays readable.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from ..record import record


@record(frozen=True, kw_only=True)
class Line:
    id: str = field(metadata={"doc": "在恒等式中引用的名字"})
    label: str | None = field(
        default=None, metadata={"doc": "表中的行名或列名；行名为空表示表中唯一的数据行"}
    )
    aliases: list[str] = field(
        default_factory=list, metadata={"doc": "行名的其他写法（如旧格式的名称）"}
    )
    name: str | None = field(default=None, metadata={"doc": "提示中的称呼（默认为 label）"})
    group: str | None = field(default=None, metadata={"doc": "所属的组：引用组名即求组内各项之和"})


@record(frozen=True, kw_only=True)
class Template:
    years: str = field(metadata={"doc": "适用的报告年度：2019-2020、2021-、-2020"})
    rows: list[Line] = field(metadata={"doc": "各行，按表中顺序"})
    columns: list[Line] = field(metadata={"doc": "各数据列，按表中顺序"})
    anchor: str | None = field(
        default=None,
        metadata={"doc": "纯文本中表格开始处的正则（第一行没有行名时必需）", "regex": True},
    )


@record(frozen=True, kw_only=True)
class Identity:
    for_each: Literal["column", "row"] = field(metadata={"doc": "对每一列（行相加）或每一行"})
    sum: list[str] = field(metadata={"doc": "相加的一侧（行或列的 id 或组名）"})
    equals: list[str] = field(metadata={"doc": "应与之相等的一侧；报告位置是其第一格"})
    over: list[str] = field(default_factory=list, metadata={"doc": "只对这些列（或行）"})


@record(frozen=True, kw_only=True)
class Narrative:
    pattern: list[str] = field(
        metadata={"doc": "正文中的说法（正则），命名分组 n 捕获数字", "regex": True}
    )
    accept: list[str] = field(
        default_factory=list,
        metadata={"doc": "n 应等于其中之一：“行/列 + 行/列”形式的单元格之和"},
    )
    zero: list[str] = field(
        default_factory=list, metadata={"doc": "说法成立时这些单元格（行/列）都应为0"}
    )


@record(frozen=True, kw_only=True)
class CrossYear:
    row: str = field(metadata={"doc": "本年报告中的行（如“二、上年结转”）"})
    previous_row: str = field(metadata={"doc": "上年报告中应与之相等的行（如“四、结转下年度”）"})


@record(frozen=True, kw_only=True)
class TableParams:
    table: str = field(metadata={"doc": "表的名称（提示中用，如“表三”）"})
    templates: list[Template] = field(metadata={"doc": "各版本格式的行列模板"})
    identities: list[Identity] = field(default_factory=list, metadata={"doc": "勾稽关系"})
    cells: Literal["any", "non_negative_integer"] = field(
        default="any", metadata={"doc": "non_negative_integer：每格须为非负整数，空格单独报告"}
    )
    report_unreadable: bool = field(
        default=False, metadata={"doc": "表格无法可靠读取或找不到时报告一次（info）"}
    )
    heading: str | None = field(
        default=None,
        metadata={
            "doc": "表格所在部分的标题（正则）：找不到表格时，只在正文有此标题时报告",
            "regex": True,
        },
    )
    tolerance: float = field(default=0.0, metadata={"doc": "容差"})
    narrative: list[Narrative] = field(
        default_factory=list, metadata={"doc": "正文中的数字与表中单元格的关系"}
    )
    previous: list[CrossYear] = field(
        default_factory=list,
        metadata={
            "doc": "与上年报告（--previous）比较：每一列，本年的 row 等于上年的 previous_row"
        },
    )
