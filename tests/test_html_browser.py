"""The HTML report as a browser builds it: Debian's `chromium`, headless, `--dump-dom`.

What the reviewer sees must match the JSON: one highlighted span per finding holding exactly the
reported text, the overview's numbers, and report text that stays text (`<script>` inert). These
tests need chromium (`.ci/run` installs it); without it they are skipped, saying so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from .conftest import ROOT, SEEDS, run_cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="needs Debian's chromium to check the HTML report in a real browser "
    "(.ci/run installs it; or: apt-get install chromium)",
)
PAGE_TITLE = "lintreport 审查结果"
# 政府信息公开 reports too: another report type, with their tables as rows of text
XXGK = sorted((ROOT / "tests" / "samples" / "xxgk").glob("*.txt"))


def dump_dom(page: Path, tmp: Path, fragment: str = "") -> lxml_html.HtmlElement:
    """The DOM after the page's script ran, as chromium serialises it."""
    profile = tmp / "chromium-profile"
    env = {
        **os.environ,
        "HOME": str(tmp),  # chromium writes its profile and caches under HOME: keep them here
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
    }
    proc = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",  # CI runs as root, where chromium refuses its sandbox
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.resolve().as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip(), proc.stderr[-2000:]
    return lxml_html.fromstring(proc.stdout)


def _report(tmp: Path, *paths: str) -> tuple[lxml_html.HtmlElement, dict, Path]:
    page = tmp / "审查结果.html"
    made = run_cli("check", "--format", "html", "-o", str(page), *paths)
    assert made.returncode in (0, 1), made.stderr
    data = run_cli("check", "--format", "json", *paths)
    assert data.returncode in (0, 1), data.stderr
    return dump_dom(page, tmp), json.loads(data.stdout), page


def _lines(path: str) -> list[str]:
    text = Path(path).read_text(encoding="utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _mark_text(dom: lxml_html.HtmlElement, index: int) -> str:
    pieces = dom.xpath(f'//mark[@id="f{index}" or @data-c="{index}"]')
    return "".join(p.text_content() for p in pieces)


@pytest.fixture(scope="module")
def seeds_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[lxml_html.HtmlElement, dict, Path]:
    return _report(tmp_path_factory.mktemp("html"), *map(str, SEEDS), *map(str, XXGK))


def test_script_ran_under_the_page_policy(seeds_page: tuple) -> None:
    dom, _, _ = seeds_page
    # The filter bar is hidden in the file and shown by the script: the script ran, its CSP
    # hash matched, and nothing it needs was blocked.
    (bar,) = dom.xpath('//nav[@id="filters"]')
    assert bar.get("hidden") is None
    assert dom.findtext(".//title") == PAGE_TITLE


def test_report_types_are_named_by_their_packs(seeds_page: tuple) -> None:
    dom, data, _ = seeds_page
    names = {"fazhi-annual": "法治政府建设年度报告", "xxgk-annual": "政府信息公开工作年度报告"}
    types = {d["path"]: d["report_type"] for d in data["documents"]}
    assert set(types.values()) == set(names)
    for row in dom.xpath('//table[@id="files"]/tbody/tr'):
        assert row.xpath("./td")[1].text_content() == names[types[row.get("data-path")]]


def test_one_highlighted_span_per_finding_holding_the_reported_text(seeds_page: tuple) -> None:
    dom, data, _ = seeds_page
    violations = data["violations"]
    assert violations
    primaries = dom.xpath("//mark[@id]")
    assert len(primaries) == len(violations)
    assert {m.get("id") for m in primaries} == {f"f{i}" for i in range(len(violations))}
    lines = {d["path"]: _lines(d["path"]) for d in data["documents"]}
    for index, v in enumerate(violations):
        text = lines[v["path"]][v["line"] - 1 : v["end_line"]]
        # the span, from its start column on its first line to its end column on its last;
        # a mark stops at each line's end and goes on in the next, so the breaks are not in it
        text[-1] = text[-1][: v["end_column"] - 1]
        text[0] = text[0][v["column"] - 1 :]
        assert _mark_text(dom, index) == "".join(text), (index, v)
        severity = {"error": "s-e", "warning": "s-w", "info": "s-i"}[v["severity"]]
        assert severity in dom.get_element_by_id(f"f{index}").get("class")


def test_each_document_text_is_shown_whole(seeds_page: tuple) -> None:
    dom, data, _ = seeds_page
    sections = dom.xpath('//section[contains(@class, "doc")]')
    assert [s.get("data-path") for s in sections] == [d["path"] for d in data["documents"]]
    tables = 0
    for section in sections:
        source = _lines(section.get("data-path"))
        plain = section.xpath('.//div[@class="l"]')
        shown = {int(d.get("data-n")): d.text_content() for d in plain}
        assert all(text == source[n - 1] for n, text in shown.items())
        drawn_as_tables = section.xpath('.//div[@class="l t"]')
        tables += len(drawn_as_tables)
        if not drawn_as_tables:  # every line is there; a table's lines are drawn as its cells
            assert sorted(shown) == list(range(1, len(source) + 1))
    assert tables  # the 政府信息公开 samples hold Markdown tables


def test_overview_numbers_equal_the_json_summary(seeds_page: tuple) -> None:
    dom, data, _ = seeds_page
    summary = data["summary"]
    for key in ("files", "violations", "errors"):
        assert dom.get_element_by_id(f"sum-{key}").text_content() == str(summary[key])
    by_severity = Counter(v["severity"] for v in data["violations"])
    for severity in ("error", "warning", "info"):
        assert dom.get_element_by_id(f"sum-{severity}").text_content() == str(by_severity[severity])
    rows = dom.xpath('//table[@id="files"]/tbody/tr')
    assert len(rows) == summary["files"]
    per_file = Counter((v["path"], v["severity"]) for v in data["violations"])
    years = {d["path"]: d["report_year"] for d in data["documents"]}
    for row in rows:
        path = row.get("data-path")
        for severity in ("error", "warning", "info"):
            (cell,) = row.xpath(f'./td[@data-k="{severity}"]')
            assert cell.text_content() == str(per_file[(path, severity)])
        (total,) = row.xpath('./td[@data-k="total"]')
        assert total.text_content() == str(sum(1 for v in data["violations"] if v["path"] == path))
        assert str(years[path]) in row.text_content()
    per_rule = Counter(v["rule"] for v in data["violations"])
    rule_rows = dom.xpath('//table[@id="rule-counts"]/tbody/tr')
    shown = {
        r.get("data-rule"): int(r.xpath('./td[@data-k="count"]')[0].text_content())
        for r in rule_rows
    }
    assert shown == dict(per_rule)


def test_a_link_to_a_finding_opens_its_details_with_the_rule_explanation(
    seeds_page: tuple, tmp_path: Path
) -> None:
    _, data, page = seeds_page
    index = next(i for i, v in enumerate(data["violations"]) if v["suggestion"])
    v = data["violations"][index]
    dom = dump_dom(page, tmp_path, f"#f{index}")
    (pop,) = dom.xpath('//div[@id="pop"]')
    assert pop.get("hidden") is None
    shown = pop.text_content()
    assert v["message"] in shown and v["suggestion"] in shown
    explained = run_cli("explain", v["rule"]).stdout.strip()
    assert explained.split("\n")[0] in shown  # the `lintreport explain` text, not a summary
    (explanation,) = pop.xpath(".//pre")
    assert explanation.text_content() == explained


def test_script_in_a_report_stays_text(tmp_path: Path) -> None:
    sample = "<script>document.title='pwned'</script>"
    name = tmp_path / "<img src=x onerror=document.title=1>.txt"
    name.write_text(
        f"{sample}关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n"
        f"我们推进法制政府建设{sample}，成效明显。\n",
        encoding="utf-8",
    )
    dom, data, _ = _report(tmp_path, str(name))
    assert dom.findtext(".//title") == PAGE_TITLE
    assert len(dom.xpath("//script")) == 1  # only the page's own
    assert not dom.xpath("//img")
    (section,) = dom.xpath('//section[contains(@class, "doc")]')
    text = section.xpath('.//div[@class="text"]')[0].text_content()
    assert text.count(sample) == 2  # shown as text, where it was
    assert len(dom.xpath("//mark[@id]")) == len(data["violations"]) > 0


_DRIVE = """<script>
function shown() { return document.querySelectorAll('ol.findings > li:not([hidden])').length; }
function lit() { return document.querySelectorAll('mark[id]:not(.off)').length; }
var out = {};
var warnings = document.querySelector('input[name="sev"][value="w"]');
warnings.checked = false;
warnings.dispatchEvent(new Event('change', { bubbles: true }));
out.no_warnings = [shown(), lit()];
var rule = document.getElementById('rule-filter');
document.getElementById('reset').click();
rule.value = 'fazhi-not-fazhi';
rule.dispatchEvent(new Event('change', { bubbles: true }));
out.one_rule = [shown(), lit()];
document.getElementById('reset').click();
var punctuation = document.querySelector('input[name="cat"][value="punctuation"]');
punctuation.checked = false;
punctuation.dispatchEvent(new Event('change', { bubbles: true }));
out.no_punctuation = [shown(), lit()];
document.getElementById('reset').click();
out.reset = [shown(), lit()];
var total = Array.prototype.find.call(document.querySelectorAll('#files th'),
  function (th) { return th.textContent === '合计'; });
total.click();
out.worst_first = document.querySelector('#files tbody tr').getAttribute('data-path');
document.title = JSON.stringify(out);
</script></body>"""


def test_filters_and_sorting_in_the_browser(seeds_page: tuple, tmp_path: Path) -> None:
    """Drive the page's own script as a reviewer would (the check is appended to a copy whose
    policy admits it), and compare what stays visible with the JSON."""
    _, data, page = seeds_page
    source = page.read_text(encoding="utf-8")
    source = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source, count=1)
    driven = tmp_path / "driven.html"
    driven.write_text(source.replace("</body>", _DRIVE, 1), encoding="utf-8")
    got = json.loads(dump_dom(driven, tmp_path).findtext(".//title"))
    vs = data["violations"]
    no_warnings = sum(1 for v in vs if v["severity"] != "warning")
    one_rule = sum(1 for v in vs if v["rule"] == "fazhi-not-fazhi")
    no_punctuation = sum(1 for v in vs if v["category"] != "punctuation")
    assert 0 < one_rule < no_warnings < len(vs)
    assert got["no_warnings"] == [no_warnings, no_warnings]
    assert got["one_rule"] == [one_rule, one_rule]
    assert got["no_punctuation"] == [no_punctuation, no_punctuation]
    assert got["reset"] == [len(vs), len(vs)]
    per_file = Counter(v["path"] for v in vs)
    assert got["worst_first"] == per_file.most_common(1)[0][0]


_TABLE_REPORT = """# 关于2023年度法治政府建设情况的报告

一、主要举措和成效

| 项目 | 数量 |
| --- | --- |
| 法制政府建设,会议 | 12 |
| 培训 | 3 |

推进法治政府建设。
"""


def test_a_table_is_drawn_as_a_table_with_the_offending_cell_marked(tmp_path: Path) -> None:
    report = tmp_path / "报告.md"
    report.write_text(_TABLE_REPORT, encoding="utf-8")
    dom, data, _ = _report(tmp_path, str(report))
    (table,) = dom.xpath('//table[@class="doc-table"]')
    rows = [[td.text_content() for td in tr.xpath("./td")] for tr in table.xpath(".//tr")]
    assert rows == [["项目", "数量"], ["法制政府建设,会议", "12"], ["培训", "3"]]
    assert len(dom.xpath("//mark[@id]")) == len(data["violations"])
    lines = _lines(str(report))
    in_cell = [(i, v) for i, v in enumerate(data["violations"]) if v["line"] == 7]
    assert {v["rule"] for _, v in in_cell} >= {"fazhi-not-fazhi"}
    (hit,) = table.xpath('.//td[@class="hit"]')
    assert hit.text_content() == "法制政府建设,会议"
    for i, v in in_cell:
        (mark,) = hit.xpath(f'.//mark[@id="f{i}"]')
        assert mark.text_content() == lines[6][v["column"] - 1 : v["end_column"] - 1]
