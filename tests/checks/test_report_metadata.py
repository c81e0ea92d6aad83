"""report_metadata: title, year, addressee, closing date and deadline."""

from __future__ import annotations

import pytest

from lintreport.checks.base import ParamError
from lintreport.checks.report_metadata import Params, ReportMetadata
from lintreport.document.document import Document

TITLE = (
    r"(?!关于)[\p{Han}（）()、]{2,40}?(?:关于)?[\p{Han}]{0,10}?(?:19|20)\d{2}\s*年度?"
    r"(?:推进)?法治政府建设(?:工作)?(?:情况|工作情况)?的?(?:年度)?报告"
)
BODY_YEAR = [r"(?m)^\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?(?:[，,]|是|全年)"]


def run(check: str, text: str, year: int | None = None, **kw: object) -> list[tuple[str, dict]]:
    doc = Document.from_text(text, "x.txt", year=year)
    kind = ReportMetadata(Params(check=check, **kw))  # type: ignore[arg-type]
    return [(text[f.start : f.end], dict(f.args)) for f in kind.run(doc)]


HEAD = "沈丘县人民政府办公室\n关于2023年度法治政府建设情况的报告\n\n沈丘县人民政府：\n\n"


def test_title_missing_points_at_the_start() -> None:
    text = "根据规定,现将2022年度法治政府建设情况报告如下:\n一、工作推进情况\n"
    assert run("title_missing", text) == [("", {})]
    assert run("title_missing", HEAD + "2023年，我办推进法治建设。\n") == []


def test_title_form_points_at_the_deviation() -> None:
    text = "淮北市人民政府办公室\n关于2022年度法治政府建设情况工作的报告\n市委、市政府：\n"
    got = run(
        "title_form", text, title_pattern=TITLE, title_deviations=["情况(?P<bad>工作)的?报告"]
    )
    assert [m for m, _ in got] == ["工作"]
    assert run("title_form", HEAD, title_pattern=TITLE) == []
    # without a matching deviation the whole title is reported
    got = run("title_form", "关于2023年度法治政府建设情况的报告\n县委：\n", title_pattern=TITLE)
    assert [m for m, _ in got] == ["关于2023年度法治政府建设情况的报告"]


def test_year_unknown_unless_given() -> None:
    text = "某县人民政府关于法治政府建设情况的报告\n县委：\n今年以来，我县坚持依法行政。\n"
    assert [m for m, _ in run("year_unknown", text)] == ["某县人民政府关于法治政府建设情况的报告"]
    assert run("year_unknown", text, year=2023) == []


def test_title_year_against_body_year() -> None:
    got = run("title_year", HEAD + "2022年，我办推进法治建设。\n", body_year=BODY_YEAR)
    assert got == [("2022", {"found": "2022", "body_year": "2022", "title_year": "2023"})]
    assert run("title_year", HEAD + "2021年以来，我办推进法治建设。\n", body_year=BODY_YEAR) == []
    later = HEAD + "2023年，我办推进法治建设。\n\n2021年，累计出台制度。\n"
    assert run("title_year", later, body_year=BODY_YEAR) == []


def test_addressee_colon() -> None:
    text = (
        "铁岭市人民政府办公室关于2024年法治政府建设情况报告\n\n"
        "中共铁岭市委法治建设委员会:\n\n正文。\n"
    )
    doc = Document.from_text(text, "x.txt")
    (finding,) = ReportMetadata(Params(check="addressee_colon")).run(doc)
    assert (text[finding.start : finding.end], finding.replacement) == (":", "：")
    assert finding.args["found"] == "中共铁岭市委法治建设委员会"
    missing = "某县人民政府办公室关于2023年度法治政府建设情况的报告\n县委、县人民政府\n正文。\n"
    (finding,) = ReportMetadata(Params(check="addressee_colon")).run(
        Document.from_text(missing, "x.txt")
    )
    assert finding.start == finding.end and finding.replacement == "："
    assert run("addressee_colon", HEAD) == []


def test_issuer_repeated_under_title_is_not_an_addressee() -> None:
    text = "沈丘县人民政府办公室关于2023年度法治政府建设情况的报告\n沈丘县人民政府办公室\n正文。\n"
    assert run("addressee_colon", text) == []


def test_closing_date_checks() -> None:
    early = HEAD + "正文。\n特此报告。\n2023年12月15日\n"
    assert [m for m, _ in run("closing_date_early", early)] == ["2023年12月15日"]
    assert run("closing_date_late", early) == []
    late = HEAD + "正文。\n特此报告。\n2024年4月1日\n"
    got = run("closing_date_late", late)
    assert [(m, a["deadline"]) for m, a in got] == [("2024年4月1日", "2024年4月1日")]
    assert run("closing_date_late", late, deadline="04-02") == []
    on_time = HEAD + "正文。\n特此报告。\n二〇二四年三月一日\n"
    assert run("closing_date_early", on_time) == run("closing_date_late", on_time) == []
    assert run("closing_date_missing", on_time) == []
    assert run("closing_date_missing", HEAD + "正文。\n") == [("", {})]


def test_params_are_validated() -> None:
    with pytest.raises(ParamError):
        ReportMetadata(Params(check="title_form"))
    with pytest.raises(ParamError):
        ReportMetadata(Params(check="title_year", body_year=["(?:19|20)\\d{2}"]))
    with pytest.raises(ParamError):
        ReportMetadata(Params(check="closing_date_late", deadline="4月1日"))
