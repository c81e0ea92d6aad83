"""machine_paraphrase: spinner collocations, plus one document-level finding."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.machine_paraphrase import MachineParaphrase, Params
from lintreport.document.document import Document
from lintreport.model import Severity

MARKERS = {
    "政务效劳": "政务服务",
    "全掩盖": "全覆盖",
    "透亮度": "透明度",
    "法治政府建立": "法治政府建设",
}


def run(text: str, min_markers: int = 3):
    params = Params(markers=MARKERS, document_message="全文{count}处", min_markers=min_markers)
    return list(MachineParaphrase(params).run(Document.from_text(text, "x.txt")))


def test_each_occurrence_and_one_document_finding() -> None:
    text = "优化政务效劳，实现全掩盖。\n提高透亮度，推动法治政府建立，政务效劳。\n"
    found = run(text)
    documents = [f for f in found if f.message is not None]
    assert len(documents) == 1
    doc_finding = documents[0]
    assert (doc_finding.start, doc_finding.end) == (2, 2)
    assert doc_finding.args == {"count": "5", "first": "政务效劳"}
    assert doc_finding.severity is Severity.ERROR
    spans = [(text[f.start : f.end], f.replacement) for f in found if f.message is None]
    assert spans == [
        ("政务效劳", "政务服务"),
        ("全掩盖", "全覆盖"),
        ("透亮度", "透明度"),
        ("法治政府建立", "法治政府建设"),
        ("政务效劳", "政务服务"),
    ]


def test_below_threshold_no_document_finding() -> None:
    found = run("优化政务效劳。", min_markers=2)
    assert [f.message for f in found] == [None]


def test_bare_common_words_are_not_markers() -> None:
    assert run("甘愿效劳，不掩盖问题，透亮的窗户，建立制度。") == []
    with pytest.raises(ParamError):
        MachineParaphrase(Params(markers={"效": "服"}, document_message="x"))
