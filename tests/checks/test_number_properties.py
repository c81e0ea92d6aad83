"""Property tests for the number relations: consistent sentences are silent; changing one
figure makes the finding appear, at the figure the relation is anchored on (the stated total,
the stated rate, the announced count)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lintreport.checks.announced_count import AnnouncedCount
from lintreport.checks.announced_count import Params as CountParams
from lintreport.checks.rate_relation import Params as RateParams
from lintreport.checks.rate_relation import Rate, RateRelation
from lintreport.checks.sum_relation import Params as SumParams
from lintreport.checks.sum_relation import SumRelation
from lintreport.document.document import Document
from lintreport.text.numerals import cn_to_int

LABELS = ["维持", "撤销", "驳回", "确认违法", "终止审理", "责令履行"]
UNITS = ["件", "次", "人", "项"]
DIGITS = "零一二三四五六七八九"

PAREN = SumRelation(SumParams(shape="parenthesised", relation="at_most"))
AFTER = SumRelation(SumParams(shape="total_after", relation="equal", nested=False))
RATE = RateRelation(
    RateParams(rates=[Rate(name="受理率", numerator=["受理"], denominator=["收到"])])
)
COUNT = AnnouncedCount(
    CountParams(pattern=["以下(?P<n>[0-9一二三四五六七八九十]{1,3})个方面"], items="ordinals")
)


def chinese(n: int) -> str:
    """A Chinese numeral for 0..9999 as reports write it (一百二十, 十四, 一千零五)."""
    if n == 0:
        return "零"
    out = ""
    zero = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out += "零"
            out += ("" if (name == "十" and not out and digit == 1) else DIGITS[digit]) + name
            zero = False
        elif out:
            zero = True
    return out


def spans(check: object, text: str) -> list[str]:
    doc = Document.from_text(text, "x.txt", year=2023)
    return [text[f.start : f.end] for f in check.run(doc)]  # type: ignore[attr-defined]


@given(st.integers(0, 9999))
def test_chinese_helper_round_trips(n: int) -> None:
    assert cn_to_int(chinese(n)) == n


def no_subtotal(parts: list[int]) -> bool:
    """Whether no part equals the sum of all the parts after it (the nested reading)."""
    return all(parts[i] != sum(parts[i + 1 :]) for i in range(len(parts) - 2))


parts_strategy = st.lists(st.integers(0, 400), min_size=2, max_size=5)
style = st.sampled_from(["arabic", "chinese"])


def fig(n: int, unit: str, how: str) -> str:
    return f"{n if how == 'arabic' else chinese(n)}{unit}"


@settings(max_examples=150, deadline=None)
@given(parts_strategy, st.integers(0, 50), st.sampled_from(UNITS), style, st.data())
def test_parenthesised_breakdown(parts, slack, unit, how, data) -> None:
    assume(no_subtotal(parts))
    labels = LABELS[: len(parts)]

    def sentence(total: int, values: list[int]) -> tuple[str, str]:
        listed = "、".join(
            f"{lab}{fig(v, unit, how)}" for lab, v in zip(labels, values, strict=True)
        )
        total_text = fig(total, unit, how)
        return f"全年共办理行政复议案件{total_text}（{listed}）。", total_text

    text, _ = sentence(sum(parts) + slack, parts)
    assert spans(PAREN, text) == []
    # Lower the total below the sum: the finding is at the changed total.
    total = data.draw(st.integers(0, sum(parts) - 1)) if sum(parts) else None
    if total is not None:
        text, total_text = sentence(total, parts)
        assert spans(PAREN, text) == [total_text]
    # Raise one part past the total: the finding is at the stated total it now exceeds.
    i = data.draw(st.integers(0, len(parts) - 1))
    changed = list(parts)
    changed[i] += slack + data.draw(st.integers(1, 100))
    assume(no_subtotal(changed))
    text, total_text = sentence(sum(parts) + slack, changed)
    assert spans(PAREN, text) == [total_text]


@settings(max_examples=150, deadline=None)
@given(parts_strategy, st.sampled_from(UNITS), style, st.data())
def test_total_after_parts(parts, unit, how, data) -> None:
    labels = LABELS[: len(parts)]

    def sentence(values: list[int], total: int) -> tuple[str, str]:
        listed = "、".join(
            f"{lab}{fig(v, unit, how)}" for lab, v in zip(labels, values, strict=True)
        )
        total_text = fig(total, unit, how)
        return f"全年{listed}，合计{total_text}。", total_text

    text, _ = sentence(parts, sum(parts))
    assert spans(AFTER, text) == []
    # Change any one figure (a part or the total): the sum no longer matches.
    i = data.draw(st.integers(0, len(parts)))
    delta = data.draw(st.integers(1, 100))
    values = [*parts, sum(parts)]
    values[i] = (
        values[i] + delta if values[i] < delta or data.draw(st.booleans()) else values[i] - delta
    )
    text, total_text = sentence(values[:-1], values[-1])
    assert spans(AFTER, text) == [total_text]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5000), st.data())
def test_rate_and_its_counts(denominator, data) -> None:
    numerator = data.draw(st.integers(0, denominator))
    rate = f"{numerator / denominator * 100:.1f}%"
    text = f"全年收到行政复议申请{denominator}件，受理{numerator}件，受理率{rate}。"
    assert spans(RATE, text) == []
    # Change the stated rate by 0.2 points or more: the finding is at the rate.
    shift = data.draw(st.sampled_from([-1, 1])) * data.draw(st.integers(2, 300)) / 10
    stated = numerator / denominator * 100 + shift
    assume(stated >= 0)
    wrong = f"{stated:.1f}%"
    text = f"全年收到行政复议申请{denominator}件，受理{numerator}件，受理率{wrong}。"
    assert spans(RATE, text) == [wrong]
    # Change the numerator far enough to move the rate: the finding is at the stated rate.
    step = max(1, int(denominator * 0.003) + 1)
    changed = numerator + step if numerator + step <= denominator else numerator - step
    assume(changed >= 0 and abs(changed - numerator) / denominator * 100 > 0.2)
    text = f"全年收到行政复议申请{denominator}件，受理{changed}件，受理率{rate}。"
    assert spans(RATE, text) == [rate]


ORDINALS = "一二三四五六七八九"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), st.integers(1, 9), st.booleans())
def test_announced_count(items, announced, as_chinese) -> None:
    body = "".join(f"{ORDINALS[k]}是做好第{k + 1}项工作。" for k in range(items))
    number = ORDINALS[announced - 1] if as_chinese else str(announced)
    text = f"2024年，我们将在以下{number}个方面发力：{body}"
    found = spans(COUNT, text)
    assert found == ([] if announced == items else [number])
