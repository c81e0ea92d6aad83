"""Load YAML safely while remembering where every key and value sits in the file.

Pack errors must point at `pack.yml:12:7`, so the loader keeps a `Node` tree with 1-based
positions instead of plain dicts. Only the safe constructor is used; nothing is ever evaluated.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from ..errors import PackIssue
from ..record import record


@record(slots=True)
class Node:
    """A YAML value with its position. Mappings hold `dict[str, Node]`, sequences `list[Node]`."""

    value: Any
    line: int
    column: int
    style: str | None = None  # scalar quoting style, to place errors inside quoted patterns
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)  # mapping key positions

    def plain(self) -> Any:
        """The value with all positions dropped."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value

    def key_position(self, key: str) -> tuple[int, int]:
        return self.keys.get(key, (self.line, self.column))


class YamlLoadError(Exception):
    """The file is not YAML we can read; carries a positioned issue."""

    def __init__(self, issue: PackIssue) -> None:
        super().__init__(str(issue))
        self.issue = issue


class _Budget:
    """Nodes a file may expand to. Without aliases a file has fewer nodes than characters; an
    alias repeats a whole subtree, so nine nested aliases of nine items each (a few hundred
    bytes) would expand to 387 million nodes and never finish."""

    __slots__ = ("left",)

    def __init__(self, text: str) -> None:
        self.left = 2 * len(text) + 1000


def _convert(
    node: yaml.Node,
    loader: yaml.SafeLoader,
    path: str,
    issues: list[PackIssue],
    budget: _Budget,
) -> Node:
    import yaml  # imported on first parse: a cold start with a cached pack and no config skips it

    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    budget.left -= 1
    if budget.left < 0:
        raise YamlLoadError(PackIssue(path, line, column, "YAML 别名（&/*）展开过多，拒绝读取"))
    if isinstance(node, yaml.MappingNode):
        values: dict[str, Node] = {}
        keys: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                # str() of a list built from aliases can be exponentially long
                raise YamlLoadError(PackIssue(path, *pos, "键应为字符串，不能是列表或映射"))
            key = _scalar(key_node, loader, path)
            if not isinstance(key, str):
                key = str(key)
            if key in values:
                issues.append(PackIssue(path, *pos, f"重复的键“{key}”"))
            values[key] = _convert(value_node, loader, path, issues, budget)
            keys[key] = pos
        return Node(values, line, column, keys=keys)
    if isinstance(node, yaml.SequenceNode):
        return Node(
            [_convert(item, loader, path, issues, budget) for item in node.value], line, column
        )
    value = _scalar(node, loader, path)
    # libyaml reports a plain scalar's style as "", PyYAML as None
    return Node(value, line, column, style=getattr(node, "style", None) or None)


def _scalar(node: yaml.Node, loader: yaml.SafeLoader, path: str) -> object:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        # int() refuses more than 4,300 digits; a float or date may overflow
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        what = "数字位数过多" if "digits" in str(exc) else "值超出范围"
        raise YamlLoadError(PackIssue(path, line, column, f"{what}，无法读取")) from None


# libyaml parses the packs 10x faster than PyYAML's pure-Python parser (fazhi-annual: 230 ms ->
# 17 ms, most of a cold start). But it composes nested collections recursively in C, so a deep
# nesting (100 000 "[") overflows the C stack and kills the process: only shallow files go to it.
_C_MAX_DEPTH = 64
_FLOW = re.compile(r"[^\[\]{}]+")
_INDENT = re.compile(r"^[ \t]*", re.MULTILINE)


def _shallow(text: str) -> bool:
    """A cheap over-estimate of the nesting: flow brackets, and indentation for block nesting."""
    if max(map(len, _INDENT.findall(text)), default=0) > 2 * _C_MAX_DEPTH:
        return False
    depth = 0
    for ch in _FLOW.sub("", text):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        if depth > _C_MAX_DEPTH:
            return False
    return True


def load_yaml(text: str, path: str) -> tuple[Node | None, list[PackIssue]]:
    """Parse `text`; returns the root node (None for an empty file) and duplicate-key issues.

    Raises YamlLoadError for text that is not YAML, or nested too deep to read.
    """
    import yaml

    c_loader: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None and _shallow(text):
        try:
            return _load(text, path, c_loader)
        except YamlLoadError:
            pass  # report the problem in the pure-Python parser's words and positions
    return _load(text, path, yaml.SafeLoader)


def _load(
    text: str, path: str, loader_class: type[yaml.SafeLoader]
) -> tuple[Node | None, list[PackIssue]]:
    import yaml

    try:
        # the reader rejects control characters as soon as it is built, before any parsing
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        raise YamlLoadError(
            PackIssue(path, line, col, f"不是有效的 YAML：含有不允许的字符 {char}")
        ) from None
    issues: list[PackIssue] = []
    try:
        root = loader.get_single_node()
        if root is None:
            return None, issues
        return _convert(root, loader, path, issues, _Budget(text)), issues
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "语法错误"
        raise YamlLoadError(PackIssue(path, line, col, f"不是有效的 YAML：{problem}")) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())  # one line, whatever PyYAML put in it
        raise YamlLoadError(PackIssue(path, 1, 1, f"不是有效的 YAML：{message}")) from None
    except RecursionError:
        raise YamlLoadError(PackIssue(path, 1, 1, "YAML 嵌套层级过深，无法读取")) from None
    finally:
        loader.dispose()
