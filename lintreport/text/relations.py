"""A tiny safe evaluator for relations between figures a pack captured by name.

A relation is one comparison between two arithmetic expressions over names and numbers:
`part <= total`, `a + b == total`, `num / den * 100 == rate`. It is parsed once (when the pack
loads) into a small tree; nothing is ever passed to `eval`. Values are `Interval`s, and a
comparison asks whether it *can* hold: `近百 == 95` holds, `300余 <= 200` does not.
"""

from __future__ import annotations

from collections.abc import Mapping

import regex

from ..record import record
from .quantities import Interval

_TOKEN = regex.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op><=|>=|==|[-+*/()<>]))"
)
_COMPARISONS = ("==", "<=", ">=", "<", ">")


@record(frozen=True, slots=True)
class _Num:
    value: float


@record(frozen=True, slots=True)
class _Name:
    name: str


@record(frozen=True, slots=True)
class _BinOp:
    op: str
    left: _Expr
    right: _Expr


_Expr = _Num | _Name | _BinOp


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                raise ValueError(f"无法识别“{text[pos : pos + 10]}”")
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ValueError("表达式不完整")
        self.i += 1
        return token

    def expr(self) -> _Expr:
        node = self.term()
        while (t := self.peek()) is not None and t[1] in "+-" and t[0] == "op":
            self.take()
            node = _BinOp(t[1], node, self.term())
        return node

    def term(self) -> _Expr:
        node = self.factor()
        while (t := self.peek()) is not None and t[1] in "*/" and t[0] == "op":
            self.take()
            node = _BinOp(t[1], node, self.factor())
        return node

    def factor(self) -> _Expr:
        kind, value = self.take()
        if kind == "num":
            return _Num(float(value))
        if kind == "name":
            return _Name(value)
        if value == "(":
            node = self.expr()
            if self.take()[1] != ")":
                raise ValueError("缺少右括号")
            return node
        raise ValueError(f"此处不应出现“{value}”")


@record(frozen=True, slots=True)
class Relation:
    """`left op right`, parsed from text such as `part <= total`."""

    left: _Expr
    op: str
    right: _Expr
    source: str

    @classmethod
    def parse(cls, text: str) -> Relation:
        """Parse a relation; raises ValueError (message in Chinese) when it is not one."""
        parser = _Parser(text)
        left = parser.expr()
        token = parser.peek()
        if token is None or token[1] not in _COMPARISONS:
            raise ValueError("需要一个比较运算符：== <= >= < >")
        parser.take()
        right = parser.expr()
        if parser.peek() is not None:
            raise ValueError(f"多余的内容“{parser.peek()[1]}”")  # type: ignore[index]
        return cls(left, token[1], right, text.strip())

    @property
    def names(self) -> frozenset[str]:
        return frozenset(_names(self.left) | _names(self.right))

    def sides(self, values: Mapping[str, Interval]) -> tuple[Interval, Interval]:
        return _evaluate(self.left, values), _evaluate(self.right, values)

    def holds(self, values: Mapping[str, Interval], tolerance: float = 0.0) -> bool:
        """Whether the relation can hold for some values inside the intervals."""
        a, b = self.sides(values)
        if self.op == "==":
            return a.meets(b, tolerance)
        if self.op in ("<=", "<"):
            return a.may_be_at_most(b, tolerance) and (
                self.op == "<=" or a.low < b.high + tolerance
            )
        return b.may_be_at_most(a, tolerance) and (self.op == ">=" or b.low < a.high + tolerance)


def _names(node: _Expr) -> set[str]:
    if isinstance(node, _Name):
        return {node.name}
    if isinstance(node, _BinOp):
        return _names(node.left) | _names(node.right)
    return set()


def _evaluate(node: _Expr, values: Mapping[str, Interval]) -> Interval:
    if isinstance(node, _Num):
        return Interval.exact(node.value)
    if isinstance(node, _Name):
        return values[node.name]
    left, right = _evaluate(node.left, values), _evaluate(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    return left / right
