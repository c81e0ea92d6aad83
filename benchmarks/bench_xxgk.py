"""Rule time of a 20-page 政府信息公开工作年度报告 with its tables, in each input form.

    python benchmarks/bench_xxgk.py            # prints one line per form and the slowest rules

The report is the real 淮安市人民政府 2024 report (tests/samples/xxgk) with its narrative
repeated to about 20 pages (~20,000 characters), and its tables 三 and 四 as a Word document with
merged cells, a web page, Markdown and PDF text. "Rule time" is `lint_document` with both
built-in packs — everything after the file is read, tables and all; the target is well under
100 ms per report. Each figure is the median of 15 runs on a fresh Document (nothing cached).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintreport import load_packs  # noqa: E402
from lintreport.document.inputs import load_document  # noqa: E402
from lintreport.pack import builtin_packs  # noqa: E402
from lintreport.run.runner import lint_document, select_rules  # noqa: E402
from tests.xxgk_tables import (  # noqa: E402
    HUAIAN_2024,
    HUAIAN_2024_T4,
    table3,
    table4,
    write_docx,
    write_html,
    write_markdown,
)

RUNS = 15
PROSE = (
    "（一）主动公开情况。2024年，市政府网站主动公开各类政府信息5500余条，全年新增公开市政府规章1件、"
    "市政府及市政府办政策性文件11件，通过文字、图片等形式制作政策解读21个，制作《淮安市人民政府公报》6期。"
    "紧紧围绕保障民生、深化改革、科技创新等工作主线，组织召开新闻发布会12场，努力传递政府声音、"
    "宣传政策法规、回应舆论关切。"
)


def _report(path: Path, writer) -> Path:
    """The tables in `writer`'s form, with the prose grown to ~20 pages before them."""
    return writer(table3(HUAIAN_2024), table4(HUAIAN_2024_T4), path, extra=[PROSE] * 90)


def _pdf_text(path: Path) -> Path:
    sample = ROOT / "tests" / "samples" / "xxgk" / "xxgk_2024_huaian_shi_renmin_zhengfu.txt"
    text = sample.read_text(encoding="utf-8")
    head, tail = text.split("（二）依申请公开情况。", 1)
    path.write_text(head + "\n".join([PROSE] * 90) + "\n（二）依申请公开情况。" + tail, "utf-8")
    return path


def main() -> None:
    packs = load_packs(builtin_packs())
    rules = select_rules(packs)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        forms = {
            "Word (.docx)": lambda: _report(base / "r.docx", write_docx),
            "web page (.html)": lambda: _report(base / "r.html", write_html),
            "Markdown (.md)": lambda: _report(base / "r.md", write_markdown),
            "PDF text (.txt)": lambda: _pdf_text(base / "r.txt"),
        }
        table_rules = [r for r in rules if r.id.startswith("xxgk-t") or "narrative" in r.id]
        for name, make in forms.items():
            path = make()
            total, tables, bare = [], [], []
            for _ in range(RUNS):
                for rule_set, times in (([], bare), (rules, total), (table_rules, tables)):
                    doc = load_document(path, year=2024)  # fresh: nothing cached
                    start = time.perf_counter()
                    violations, errors = lint_document(doc, rule_set, packs)
                    times.append(time.perf_counter() - start)
                    assert not errors, errors
            found = [v for v in violations if v.rule.startswith("xxgk-table")]
            ms = {k: statistics.median(v) * 1000 for k, v in
                  (("base", bare), ("total", total), ("tables", tables))}  # fmt: skip
            print(
                f"{name:17} {len(doc.text):6,d} chars | all {len(rules)} rules "
                f"{ms['total']:5.1f} ms | the {len(table_rules)} table rules "
                f"{ms['tables'] - ms['base']:5.1f} ms | structure and type alone "
                f"{ms['base']:5.1f} ms | table findings {len(found)}"
            )


if __name__ == "__main__":
    main()
