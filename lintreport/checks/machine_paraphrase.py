"""Text run through a document-sharing site's synonym spinner (政务效劳, 全掩盖, 透亮度 …).

## What it checks

Document-sharing sites (淘文阁 and the like) run copied reports through a synonym replacer to
dodge duplicate detection: 服务 becomes 效劳, 覆盖 becomes 掩盖, 监督 becomes 监视, 建设 becomes
建立. `markers` lists the fixed collocations such a spinner produces (`政务效劳: 政务服务`); a
bare common word (效劳, 监视, 仔细) is never a marker, because it has correct uses. Each
occurrence is a finding; when a document holds at least `min_markers` occurrences, one more
finding, once per document and at the first occurrence, says the text as a whole appears
machine-paraphrased (`document_message`).

## Why

《党政机关公文处理工作条例》 asks that a 公文 be 表述准确. A spun copy reads like the report but
changes its terms (行政惩罚 for 行政处罚, 法律参谋 for 法律顾问); drafting from it spreads the
errors, so the drafter should return to the original document.

## Example

```yaml
- id: machine-paraphrased-text
  kind: machine_paraphrase
  category: wording
  severity: warning
  message: "“{match}”疑为同义词替换软件改写，原文应为“{replacement}”。"
  document_message: "全文有{count}处同义词替换痕迹，疑为机器改写稿，请据原件核对。"
  source: 《党政机关公文处理工作条例》（中办发〔2012〕14号）
  fix: unsafe
  markers:
    政务效劳: 政务服务
    全掩盖: 全覆盖
  examples:
    bad:
      - text: 优化[[政务效劳]]，实现[[全掩盖]]。
    good:
      - 优化政务服务，实现全覆盖。
```

## Where it points

At each collocation (`{match}`, with `{replacement}` the original wording). The document-level
finding is an empty span at the first occurrence; `{count}` is the number of occurrences and
`{first}` the first one.

## Fix

The original collocation, as a suggestion only (`fix: unsafe`): a spun copy needs checking
against the original document, not word-by-word repair.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import ClassVar, Literal

from ..document.document import Document
from ..model import Finding, Severity
from ..record import record
from .base import BaseKind, ParamError, literal_finder


@record(frozen=True, kw_only=True)
class Params:
    markers: dict[str, str] = field(
        metadata={"doc": "替换软件产生的固定搭配 → 原文搭配（不要列单个常用词）"}
    )
    document_message: str = field(metadata={"doc": "全文提示的消息模板，可用 {count} 和 {first}"})
    min_markers: int = field(default=3, metadata={"doc": "出现多少处后给出一次全文提示"})
    document_severity: Literal["error", "warning", "info"] = field(
        default="error", metadata={"doc": "全文提示的严重程度"}
    )


class MachineParaphrase(BaseKind):
    name: ClassVar[str] = "machine_paraphrase"
    Params: ClassVar[type[Params]] = Params
    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "replacement", "count", "first"})

    def __init__(self, params: Params) -> None:
        super().__init__(params)
        if not params.markers:
            raise ParamError("markers", "markers 不能为空")
        for spun, original in params.markers.items():
            if len(spun) < 2:
                raise ParamError("markers", f"“{spun}”是单字，请写成固定搭配")
            if spun == original or "\n" in original:
                raise ParamError("markers", f"“{spun}”的原文搭配无效")
        if params.min_markers < 1:
            raise ParamError("min_markers", "min_markers 至少为 1")
        # Literals only: `re` finds them 4x faster than `regex` and cannot hang (see base).
        self._pattern = literal_finder(params.markers)

    def run(self, doc: Document) -> Iterator[Finding]:
        markers = self.params.markers
        found = [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(doc.text)]
        if len(found) >= self.params.min_markers:
            start, _, first = found[0]
            yield Finding(
                start=start,
                end=start,
                args={"count": str(len(found)), "first": first},
                message=self.params.document_message,
                severity=Severity(self.params.document_severity),
            )
        for start, end, spun in found:
            original = markers[spun]
            yield Finding(
                start=start,
                end=end,
                args={"match": spun, "replacement": original},
                suggestion=original,
                replacement=original,
            )
