"""The `when:` mini-language: conditions on document metadata, parsed once, never `eval`ed.

Grammar::

    expr   := term ("or" term)*
    term   := factor ("and" factor)*
    factor := "not" factor | "(" expr ")" | FIELD OP LITERAL
    FIELD  := report_year | report_type
    OP     := == != < <= > >=
    LITERAL:= integer | "string" | 'string' | null

Example: ``report_year >= 2023 and report_type == "fazhi-annual"``. A comparison with an unknown
(None) field is false, so a time-aware rule stays silent when the report year cannot be told.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from ..record import record
from ..text.carried import Carried

FIELDS = ("report_year", "report_type")
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_TOKEN = Carried(
    r"\s*(?:(?P<num>-?\d+)|(?P<str>\"[^\"]*\"|'[^']*')|(?P<op>==|!=|<=|>=|<|>)"
    r"|(?P<paren>[()])|(?P<word>[A-Za-z_][A-Za-z0-9_]*))"
)


class ConditionError(ValueError):
    """A `when:` expression that does not parse; `pos` is the 0-based offset of the problem."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


@record(frozen=True, slots=True)
class Condition:
    """A parsed condition: call `holds(values)` with the document's metadata."""

    source: str
    _fn: Callable[[Mapping[str, Any]], bool]

    def holds(self, values: Mapping[str, Any]) -> bool:
        return self._fn(values)

    def __reduce__(self) -> tuple[Any, ...]:
        # The closure does not pickle; the source re-parses to the same condition (pack cache,
        # -j workers under spawn).
        return (parse_condition, (self.source,))


def _tokenize(text: str) -> list[tuple[str, Any, int]]:
    tokens: list[tuple[str, Any, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN().match(text, pos)
        if m is None or m.end() == pos:
            at = pos + len(text[pos:]) - len(text[pos:].lstrip())
            raise ConditionError(f"无法识别的字符“{text[at]}”", at)
        kind = m.lastgroup or ""
        value: Any = m.group(kind)
        if kind == "num":
            if len(value) > 18:  # a year or a count; int() refuses 4,300+ digits anyway
                raise ConditionError("数字过大", m.start(kind))
            value = int(value)
        elif kind == "str":
            value = value[1:-1]
        tokens.append((kind, value, m.start(kind)))
        pos = m.end()
    return tokens


# Nesting of `not` and parentheses: real conditions have two or three levels; thousands would
# overflow Python's stack in this recursive-descent parser.
MAX_DEPTH = 32


def parse_condition(text: str) -> Condition:
    """Parse `text` or raise ConditionError with the offending position."""
    tokens = _tokenize(text)
    index = 0
    depth = 0

    def peek() -> tuple[str, Any, int] | None:
        return tokens[index] if index < len(tokens) else None

    def take() -> tuple[str, Any, int]:
        nonlocal index
        tok = peek()
        if tok is None:
            raise ConditionError("条件不完整", len(text))
        index += 1
        return tok

    def expr() -> Callable[[Mapping[str, Any]], bool]:
        parts = [term()]
        while (tok := peek()) and tok[0] == "word" and tok[1] == "or":
            take()
            parts.append(term())
        return parts[0] if len(parts) == 1 else (lambda v: any(p(v) for p in parts))

    def term() -> Callable[[Mapping[str, Any]], bool]:
        parts = [factor()]
        while (tok := peek()) and tok[0] == "word" and tok[1] == "and":
            take()
            parts.append(factor())
        return parts[0] if len(parts) == 1 else (lambda v: all(p(v) for p in parts))

    def factor() -> Callable[[Mapping[str, Any]], bool]:
        nonlocal depth
        kind, value, pos = take()
        if (kind == "word" and value == "not") or (kind == "paren" and value == "("):
            depth += 1
            if depth > MAX_DEPTH:
                raise ConditionError(f"条件嵌套过深（超过 {MAX_DEPTH} 层）", pos)
        if kind == "word" and value == "not":
            inner = factor()
            depth -= 1
            return lambda v: not inner(v)
        if kind == "paren" and value == "(":
            inner = expr()
            depth -= 1
            closing = take()
            if closing[:2] != ("paren", ")"):
                raise ConditionError("缺少“)”", closing[2])
            return inner
        if kind != "word" or value not in FIELDS:
            raise ConditionError(f"未知的字段“{value}”，可用：{'、'.join(FIELDS)}", pos)
        field = value
        op_kind, op, op_pos = take()
        if op_kind != "op":
            raise ConditionError(f"字段后应为比较运算符，实际是“{op}”", op_pos)
        lit_kind, literal, lit_pos = take()
        if lit_kind == "word" and literal in ("null", "None"):
            literal = None
        elif lit_kind not in ("num", "str"):
            raise ConditionError(f"应为数字或带引号的字符串，实际是“{literal}”", lit_pos)
        compare = _OPS[op]

        def check(v: Mapping[str, Any]) -> bool:
            actual = v.get(field)
            if actual is None or literal is None:
                return compare(actual, literal) if op in ("==", "!=") else False
            try:
                return bool(compare(actual, literal))
            except TypeError:
                return False

        return check

    fn = expr()
    if (extra := peek()) is not None:
        raise ConditionError(f"多余的内容“{extra[1]}”", extra[2])
    return Condition(text, fn)
