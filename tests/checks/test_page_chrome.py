"""page_chrome: web-page chrome lines are findings; sharing-site boilerplate can be left out."""

from __future__ import annotations

from lintreport.checks.page_chrome import PageChrome, Params
from lintreport.document.document import Document

SEED_003_HEAD = (
    "铁岭市人民政府 TIELING.GOV.CN\n\n政府信息公开\n\n"
    "铁岭市人民政府办公室关于2024年法治政府建设情况报告\n\n"
    "点击量: 来源:铁岭市人民政府办公室  时间:2025-03-01\n\n中共铁岭市委法治建设委员会:\n\n"
    "  2024年,铁岭市人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导。\n"
)


def run(text: str, unless: list[str] | None = None) -> list[tuple[int, str]]:
    doc = Document.from_text(text, "x.txt")
    return [
        (doc.position(f.start)[0], text[f.start : f.end])
        for f in PageChrome(Params(unless=unless or [])).run(doc)
    ]


def test_seed_003_chrome_lines() -> None:
    # lines 1 and 3 (a blank line between) are one block of chrome; line 7 comes after the title
    assert run(SEED_003_HEAD) == [
        (1, "铁岭市人民政府 TIELING.GOV.CN\n\n政府信息公开"),
        (7, "点击量: 来源:铁岭市人民政府办公室  时间:2025-03-01"),
    ]
    # and none of them is the title or a heading
    doc = Document.from_text(SEED_003_HEAD, "x.txt")
    assert doc.structure.title_text == "铁岭市人民政府办公室关于2024年法治政府建设情况报告"
    assert doc.structure.headings == ()


def test_sharing_boilerplate_left_to_another_rule() -> None:
    text = "《报告.doc》由会员分享,可在线阅读,更多相关《报告》请在淘文阁上搜索。\n1、 正文。\n"
    assert run(text) == [(1, text.split("\n")[0])]
    assert run(text, unless=["由会员分享|可在线阅读"]) == []


def test_body_sentences_mentioning_websites_are_not_chrome() -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n县委：\n"
        "一是推进政务公开。全年在县政府网站（www.xx.gov.cn）公开信息389条，访问量和点击量均有提升，"
        "来源渠道更加丰富，时间上做到及时更新。\n特此报告。\n联系网站：www.xx.gov.cn\n"
    )
    assert run(text) == []


def test_page_foot_controls() -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n县委：\n正文。\n"
        + "正文。\n" * 20
        + "【打印本页】【关闭窗口】\n"
    )
    assert run(text) == [(24, "【打印本页】【关闭窗口】")]
