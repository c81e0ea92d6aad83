"""The number rules of the pack on the shapes real reports use: rates by stem, shares, changes,
exhaustive breakdowns, counts in the sentence before a rate.

Property tests: a generated consistent paragraph (Arabic or Chinese numerals, approximations)
is silent; changing one figure makes the finding appear at the figure the relation is anchored
on. Through the API with the built-in pack, as a user's text is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lintreport import lint_text
from lintreport.pack import Pack, load_packs
from lintreport.run.runner import RunOptions

from ..conftest import run_cli
from .test_number_properties import chinese

PACKS: list[Pack] = load_packs(["fazhi-annual"])
NUMBER = RunOptions(select=("number",), report_type="fazhi-annual", year=2023)


def found(text: str) -> list[tuple[str, str]]:
    result = lint_text(text, PACKS, options=NUMBER)
    assert not result.errors
    lines = text.split("\n")
    return [(v.rule, lines[v.line - 1][v.column - 1 : v.end_column - 1]) for v in result.violations]


def num(n: int, chinese_numeral: bool) -> str:
    return chinese(n) if chinese_numeral else str(n)


def pct(value: float, decimals: int = 1) -> str:
    return f"{value:.{decimals}f}%"


# -- rates by stem, and across two sentences ----------------------------------------------

STEMS = [
    ("办理群众来信", "按时答复"),
    ("排查矛盾纠纷", "成功化解"),
    ("受理调解案件", "调解成功"),
    ("受理网民留言", "办结"),
    ("收到整改事项", "已整改"),
]


def rate_name(verb: str) -> str:
    return verb.removeprefix("成功").removeprefix("已") + "率"


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 3000),
    st.sampled_from(STEMS),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_stem_rates(total, stem, chinese_numeral, split, data) -> None:
    numerator = data.draw(st.integers(0, total))
    what, verb = stem
    name = rate_name(verb)
    mark = "。全年" if split else "，"

    def text(n: int, rate: str) -> str:
        t, c = num(total, chinese_numeral), num(n, chinese_numeral)
        return f"全年{what}{t}件，{verb}{c}件{mark}{name}{rate}。"

    rate = pct(numerator / total * 100)
    assert found(text(numerator, rate)) == []
    # Approximate counts are intervals: 1230余件 is 1230-1240, so a rate from the true counts
    # always lies inside what the text allows.
    if total >= 100 and not chinese_numeral:
        rounded = f"{total // 10 * 10}余" if total % 10 else str(total)
        approx = f"全年{what}{rounded}件，{verb}{numerator}件{mark}{name}{rate}。"
        assert found(approx) == []
    shift = data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(2, 300)) / 10
    wrong = numerator / total * 100 + shift
    assume(0 <= wrong <= 100)  # over 100% is share-rate-over-100-percent as well
    assert found(text(numerator, pct(wrong))) == [("rate-does-not-match-counts", pct(wrong))]


# -- shares of a stated total ---------------------------------------------------------------

LABELS = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=5),
    st.integers(0, 200),
    st.sampled_from([1, 2]),
    st.sampled_from(["，占", "，占比", "（"]),
    st.booleans(),
    st.data(),
)
def test_shares(parts, slack, decimals, marker, chinese_numeral, data) -> None:
    total = sum(parts) + slack
    assume(total > 0)

    def text(shares: list[str]) -> str:
        listed = []
        for label, part, share in zip(LABELS, parts, shares, strict=False):
            close = "）" if marker == "（" else ""
            listed.append(f"{label}{num(part, chinese_numeral)}件{marker}{share}{close}")
        return f"全年共收到申请{num(total, chinese_numeral)}件，其中" + "；".join(listed) + "。"

    right = [pct(p / total * 100, decimals) for p in parts]
    assert found(text(right)) == []
    i = data.draw(st.integers(0, len(parts) - 1))
    shift = data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(2, 300)) / 10
    value = parts[i] / total * 100 + shift
    assume(value >= 0)
    wrong = list(right)
    wrong[i] = pct(value, decimals)
    assert found(text(wrong)) == [("share-does-not-match-counts", wrong[i])]


# -- changes against last year's figure -----------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 3000),
    st.integers(0, 3000),
    st.sampled_from(["由{a}件{up}至{b}件，{up2}{x}", "{b}件，较上年的{a}件{up2}{x}"]),
    st.booleans(),
    st.data(),
)
def test_changes(prev, cur, shape, chinese_numeral, data) -> None:
    assume(prev != cur)
    up = cur > prev
    change = abs(cur - prev) / prev * 100
    words = {"up": "增加" if up else "下降", "up2": "增长" if up else "下降"}

    def text(x: str) -> str:
        body = shape.format(a=num(prev, chinese_numeral), b=num(cur, chinese_numeral), x=x, **words)
        return f"全年办理行政复议案件{body}。"

    assert found(text(pct(change))) == []
    shift = data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(2, 300)) / 10
    assume(change + shift >= 0)
    wrong = pct(change + shift)
    rule = "change-rate-does-not-match" if up else "decrease-rate-does-not-match"
    assert found(text(wrong)) == [(rule, wrong)]
    # Percentage points are not per cent: never read as the change.
    assert found(text(f"{abs(cur - prev)}个百分点")) == []


# -- exhaustive breakdowns ------------------------------------------------------------------

KINDS = ["政策文件类", "政务动态", "人事信息", "规划计划类"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 1500), min_size=1, max_size=4),
    st.integers(0, 1500),
    st.sampled_from(["包括", "分为", "其中"]),
    st.booleans(),
    st.data(),
)
def test_exhaustive_lists(parts, rest, opener, chinese_numeral, data) -> None:
    def text(values: list[int], other: int, total: str) -> str:
        listed = "、".join(
            f"{k}{num(v, chinese_numeral)}条" for k, v in zip(KINDS, values, strict=False)
        )
        rest_text = num(other, chinese_numeral)
        return f"全年主动公开政府信息{total}，{opener}{listed}、其他类信息{rest_text}条。"

    total = sum(parts) + rest
    assume(total > 0)
    total_text = f"{num(total, chinese_numeral)}条"
    assert found(text(parts, rest, total_text)) == []
    # Approximate totals are intervals: 约/余 around the true sum stay silent.
    if total >= 100 and not chinese_numeral:
        rounded = round(total, -1)
        assert found(text(parts, rest, f"约{rounded}条")) == []
    # Closed by 等 instead of 其他: a bound only, so a larger total is fine.
    listed = "、".join(f"{k}{v}条" for k, v in zip(KINDS, parts, strict=False))
    assert found(f"全年主动公开政府信息{total + 50}条，{opener}{listed}等。") == []
    # Change one figure: the finding is at the stated total.
    i = data.draw(st.integers(0, len(parts)))
    delta = data.draw(st.integers(1, 500))
    values = [*parts, rest]
    values[i] = (
        values[i] + delta if values[i] < delta or data.draw(st.booleans()) else values[i] - delta
    )
    assert found(text(values[:-1], values[-1], total_text)) == [
        ("closed-breakdown-does-not-add-up", total_text)
    ]


# -- the issue's defects, as a user checks a draft ------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "span", "message"),
    [
        ("全年办理群众来信320件，按时答复301件，按时答复率98.5%。", "rate-does-not-match-counts",
         "98.5%", "按 301 件和 320 件计算，按时答复率应为 94.1%，文中为 98.5%"),
        ("排查矛盾纠纷842件，成功化解797件，化解率97.2%。", "rate-does-not-match-counts",
         "97.2%", "化解率应为 94.7%"),
        ("受理调解案件530件，调解成功506件，调解成功率96.0%。", "rate-does-not-match-counts",
         "96.0%", "调解成功率应为 95.5%"),
        ("共办理人大代表建议和政协提案58件（其中建议21件、提案33件）。",
         "named-parts-do-not-add-up", "58件", "各项之和为 54 件"),
        ("全年主动公开政府信息5230条，包括政策文件类1210条、政务动态2046条、人事信息88条、"
         "其他类信息1650条。", "closed-breakdown-does-not-add-up", "5230条", "各项之和为 4994 条"),
        ("全年共收到申请126件，其中予以公开57件，占48.2%。", "share-does-not-match-counts",
         "48.2%", "按 57 件占 126 件计算，比例应为 45.2%"),
        ("办理行政复议案件275件，较上年的220件增长30.5%。", "change-rate-does-not-match",
         "30.5%", "变化幅度应为 25%"),
        ("办理行政复议案件由220件上升至275件，增长30.5%。", "change-rate-does-not-match",
         "30.5%", "变化幅度应为 25%"),
        ("收到人大代表建议和政协委员提案共52件，答复50件，答复率100%。",
         "rate-does-not-match-counts", "100%", "答复率应为 96.2%"),
        ("全年受理网民留言2210件，办结2105件。全年办结率97.9%。", "rate-does-not-match-counts",
         "97.9%", "办结率应为 95.2%"),
    ],
)  # fmt: skip
def test_issue_defects_are_reported_with_the_arithmetic(text, rule, span, message) -> None:
    result = lint_text(text, PACKS, options=NUMBER)
    assert [(v.rule, text[v.column - 1 : v.end_column - 1]) for v in result.violations] == [
        (rule, span)
    ]
    assert message in result.violations[0].message


# -- relations checked, per document ---------------------------------------------------------


def test_relations_checked_counts_what_was_looked_at() -> None:
    silent = lint_text("全年收到申请120件，受理96件，受理率80%。", PACKS, options=NUMBER)
    assert silent.violations == ()
    # 受理率 = 96/120, 受理 <= 收到, 受理率 <= 100%: three relations, all hold.
    assert silent.documents[0].relations_checked == 3
    nothing = lint_text("全年深入推进法治政府建设。", PACKS, options=NUMBER)
    assert nothing.documents[0].relations_checked == 0


def test_relations_checked_in_json_and_statistics(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "关于2023年度法治政府建设情况的报告\n全年收到申请120件，受理96件，受理率80%。"
        "全年共收到申请126件，其中予以公开57件，占45.2%。\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--format", "json", "--statistics", str(draft))
    doc = json.loads(proc.stdout)["documents"][0]
    # the three of the rate sentence above; the share 57/126 and the part 57 <= 126
    assert doc["relations_checked"] == 5
    assert "数字关系核对：共 5 处（1 个文件）" in proc.stderr
    other = tmp_path / "other.txt"
    other.write_text("关于2023年度法治政府建设情况的报告\n全年深入推进法治政府建设。\n", "utf-8")
    text = run_cli("check", "--statistics", str(draft), str(other))
    assert "数字关系核对：共 5 处（2 个文件）" in text.stdout
    assert f"  5  {draft.as_posix()}" in text.stdout
    assert f"  0  {other.as_posix()}" in text.stdout


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 3000),
    st.integers(0, 3000),
    st.sampled_from(["由{a}件{v}至{b}件，{v2}{d}件", "{b}件，较上年的{a}件{v2}{d}件"]),
    st.booleans(),
    st.integers(1, 50),
)
def test_count_changes(prev, cur, shape, chinese_numeral, delta) -> None:
    assume(prev != cur)
    up = cur > prev
    words = {"v": "增加" if up else "下降", "v2": "增加" if up else "减少"}

    def text(d: int) -> tuple[str, str]:
        d_text = num(d, chinese_numeral)
        body = shape.format(
            a=num(prev, chinese_numeral), b=num(cur, chinese_numeral), d=d_text, **words
        )
        return f"全年办理行政复议案件{body}。", f"{d_text}件"

    assert found(text(abs(cur - prev))[0]) == []
    wrong, span = text(abs(cur - prev) + delta)
    rule = "change-count-does-not-match" if up else "decrease-count-does-not-match"
    assert found(wrong) == [(rule, span)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 500), min_size=2, max_size=5), st.integers(0, 4), st.data())
def test_closed_shares(parts, which, data) -> None:
    total = sum(parts)
    labels = [*["网上申请", "信函申请", "当面申请", "传真申请"][: len(parts) - 1], "其他方式"]

    def text(shares: list[str]) -> str:
        items = "，".join(f"{k}占{s}" for k, s in zip(labels, shares, strict=True))
        return f"全年共收到申请{total}件，其中{items}。"

    right = [pct(p / total * 100) for p in parts]
    assert found(text(right)) == []
    i = which % len(parts)
    shift = data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(10, 300)) / 10
    value = parts[i] / total * 100 + shift
    assume(0 <= value <= 100)
    wrong = list(right)
    wrong[i] = pct(value)
    assert found(text(wrong)) == [("closed-shares-do-not-add-up", wrong[-1])]


def test_table_identities_count_as_relations_checked() -> None:
    """A 政府信息公开 report whose tables add up is silent, yet its count shows the tables were
    read: the identities of 表三/表四 are relations checked."""
    sample = (
        Path(__file__).resolve().parents[1] / "samples/xxgk/xxgk_2024_huaian_shi_renmin_zhengfu.txt"
    )
    result = lint_text(sample.read_text("utf-8"), load_packs(["xxgk-annual"]))
    assert result.documents[0].report_type == "xxgk-annual"
    assert not [v for v in result.violations if v.category.value == "number"]
    assert (result.documents[0].relations_checked or 0) >= 20
