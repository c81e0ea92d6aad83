"""Project configuration: `.lintreport.yaml` or `[tool.lintreport]` in `pyproject.toml`.

For each checked file the nearest configuration is used, found by walking up from the file's
directory; in one directory `.lintreport.yaml` wins over `pyproject.toml`. Levels are not
merged implicitly: a configuration that wants another's settings says `extends: PATH` (like
ruff's `extend`), and its own keys replace the ones it extends. Relative paths and globs are
relative to the directory of the file that wrote them. Unknown keys and wrong types are errors
that name the file, line and column (for TOML, the line of the key where it can be found).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import field, fields
from pathlib import Path
from typing import Any, Literal

from ..errors import LintreportError, PackIssue
from ..pack.locate import builtin_packs, project_roots
from ..pack.schema import MISSING, Validator
from ..pack.yamlpos import Node, YamlLoadError, load_yaml
from ..record import record

YAML_NAMES = (".lintreport.yaml", ".lintreport.yml")
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024
_CONFIG_SUFFIXES = (".yaml", ".yml", ".toml")

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]


@record(frozen=True, kw_only=True)
class ConfigData:
    """The keys of a configuration file; field names are the keys."""

    extends: str | None = None
    packs: list[str] | None = None
    extra_packs: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, SeverityName] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    year: int | None = None
    report_type: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: FailOn | None = None
    max_warnings: int | None = None
    previous: str | None = None  # last year's report (relative to this file)


KEYS = tuple(f.name for f in fields(ConfigData))


class ConfigError(LintreportError):
    """A configuration file is invalid; carries every positioned issue."""

    def __init__(self, issues: list[PackIssue]) -> None:
        lines = "\n".join(str(i) for i in issues)
        super().__init__(f"配置文件无效（共 {len(issues)} 处问题）：\n{lines}")
        self.issues = issues


@record(frozen=True)
class ConfigFile:
    """One loaded configuration: its data (merged over what it extends) and where each key was
    written. Keys it does not set come from `parent`, the file named by `extends`."""

    path: Path
    data: ConfigData
    positions: dict[str, tuple[int, int]]  # key -> (line, column) in `path`: its own keys
    entry_positions: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    parent: ConfigFile | None = None

    @property
    def root(self) -> Path:
        return self.path.parent

    def source(self, key: str) -> ConfigFile | None:
        """The file of the chain that sets `key`, nearest first; None when none does."""
        if key in self.positions:
            return self
        return self.parent.source(key) if self.parent is not None else None

    def has(self, key: str) -> bool:
        return self.source(key) is not None

    def root_for(self, key: str) -> Path:
        """Relative paths and globs of `key` are relative to the file that wrote them."""
        return (self.source(key) or self).root

    def origin(self, key: str) -> str:
        src = self.source(key) or self
        line, col = src.positions.get(key, (1, 1))
        return f"{src.shown}:{line}:{col}"

    def chain(self) -> list[ConfigFile]:
        return [self, *(self.parent.chain() if self.parent is not None else [])]

    @property
    def shown(self) -> str:
        """The path as users want to read it: relative to the working directory if below it."""
        return shown_path(self.path)

    def set_keys(self) -> list[str]:
        return [k for k in KEYS if self.has(k)]


def shown_path(path: Path) -> str:
    """`path` relative to the working directory when it is below it, as users typed it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _outside(target: Path, roots: tuple[Path, ...]) -> bool:
    return not any(target.is_relative_to(r) for r in roots)


def _confinement_issues(path: Path, data: ConfigData, positions: dict) -> list[PackIssue]:
    """`packs`/`extra_packs` entries that name neither a built-in pack nor one in the project."""
    issues: list[PackIssue] = []
    roots: tuple[Path, ...] | None = None
    builtin = set(builtin_packs())
    for key in ("packs", "extra_packs"):
        for spec in getattr(data, key) or ():
            if spec in builtin:
                continue
            roots = roots or project_roots(path)
            if _outside((path.parent / spec).resolve(), roots):
                issues.append(
                    PackIssue(
                        shown_path(path),
                        *positions.get(key, (1, 1)),
                        f"{key} 只能是内置规则包或本项目（{shown_path(roots[0])}）内的规则包，"
                        f"“{spec}”在项目之外，未读取",
                    )
                )
    return issues


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            [PackIssue(shown_path(path), 1, 1, f"无法读取：{exc.strerror}")]
        ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError([PackIssue(shown_path(path), 1, 1, "文件过大，不像配置文件")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [PackIssue(shown_path(path), 1, 1, f"不是 UTF-8 编码（第 {exc.start + 1} 字节）")]
        ) from None


def _build(root: Node, path: Path) -> ConfigFile:
    v = Validator(shown_path(path))
    data = v.build(root, ConfigData)
    if v.issues or data is MISSING:
        raise ConfigError(v.issues)
    positions = dict(root.keys) if isinstance(root.value, dict) else {}
    entries = {
        k: dict(child.keys)
        for k, child in (root.value.items() if isinstance(root.value, dict) else ())
        if isinstance(child.value, dict)
    }
    if data.max_warnings is not None and data.max_warnings < 0:
        raise ConfigError([PackIssue(shown_path(path), *positions["max_warnings"], "应为非负整数")])
    confinement = _confinement_issues(path, data, positions)
    if confinement:
        raise ConfigError(confinement)
    return ConfigFile(path, data, positions, entries)


def _load_yaml(path: Path) -> ConfigFile:
    text = _read(path)
    try:
        root, issues = load_yaml(text, shown_path(path))
    except YamlLoadError as exc:
        raise ConfigError([exc.issue]) from None
    if issues:
        raise ConfigError(issues)
    if root is None:
        root = Node({}, 1, 1)
    return _build(root, path)


class _TomlPositions:
    """Best-effort line numbers for keys of `[tool.lintreport]` (tomllib keeps none)."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def find(self, key: str, after: int = 0) -> tuple[int, int] | None:
        header = re.compile(rf"^\s*\[\s*tool\.lintreport\.{re.escape(key)}\s*\]")
        assign = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(after, len(self.lines)):
            line = self.lines[i]
            if header.match(line):
                return i + 1, line.index("[") + 1
            m = assign.match(line)
            if m:
                return i + 1, len(m.group(1)) + 1
        return None

    def table(self) -> tuple[int, int]:
        for i, line in enumerate(self.lines):
            if re.match(r"^\s*\[\s*tool\.lintreport\s*\]", line):
                return i + 1, line.index("[") + 1
        return 1, 1


def _toml_node(value: Any, pos: tuple[int, int], where: _TomlPositions) -> Node:
    if isinstance(value, dict):
        children: dict[str, Node] = {}
        keys: dict[str, tuple[int, int]] = {}
        for k, child in value.items():
            kpos = where.find(k, pos[0] - 1) or pos
            keys[k] = kpos
            children[k] = _toml_node(child, kpos, where)
        return Node(children, *pos, keys=keys)
    if isinstance(value, list):
        return Node([_toml_node(item, pos, where) for item in value], *pos)
    return Node(value, *pos)


def _load_toml(path: Path, table: dict[str, Any], text: str) -> ConfigFile:
    where = _TomlPositions(text)
    return _build(_toml_node(table, where.table(), where), path)


def _pyproject_table(path: Path) -> tuple[dict[str, Any], str] | None:
    """The `[tool.lintreport]` table of a pyproject.toml, or None when it has none."""
    text = _read(path)
    if "lintreport" not in text:  # most pyproject files: skip parsing
        return None
    import tomllib  # only for a pyproject.toml that mentions lintreport

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([PackIssue(shown_path(path), 1, 1, f"不是有效的 TOML：{exc}")]) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):  # `tool = 1`: not ours to judge, and no table of ours
        return None
    table = tool.get("lintreport")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError([PackIssue(shown_path(path), 1, 1, "[tool.lintreport] 应为表")])
    return table, text


MAX_EXTENDS = 10


def _extend(cfg: ConfigFile, stack: tuple[Path, ...]) -> ConfigFile:
    """Resolve `extends`: load the named file (relative to `cfg`) and lay `cfg` over it."""
    if cfg.data.extends is None:
        return cfg
    where = cfg.positions.get("extends", (1, 1))
    target = (cfg.root / cfg.data.extends).resolve()
    roots = project_roots(cfg.path)
    if _outside(target, roots) or target.suffix.lower() not in _CONFIG_SUFFIXES:
        # Positioned at our key, and the target is never opened: nothing of it is printed.
        message = (
            f"extends 只能指向本项目（{shown_path(roots[0])}）内的配置文件"
            f"（.lintreport.yaml、.yml 或 pyproject.toml），“{cfg.data.extends}”不是，未读取"
        )
        raise ConfigError([PackIssue(cfg.shown, *where, message)])
    if target in stack or len(stack) > MAX_EXTENDS:
        chain = " → ".join(shown_path(p) for p in (*stack, target))
        raise ConfigError([PackIssue(cfg.shown, *where, f"extends 形成循环：{chain}")])
    if not target.is_file():
        message = f"extends 指向的配置文件不存在：{cfg.data.extends}"
        raise ConfigError([PackIssue(cfg.shown, *where, message)])
    parent = load_config(target, (*stack, target))
    own = {k: getattr(cfg.data, k) for k in cfg.positions if k in KEYS and k != "extends"}
    merged = dataclasses.replace(parent.data, **own, extends=cfg.data.extends)
    return dataclasses.replace(cfg, data=merged, parent=parent)


def load_config(path: Path, _stack: tuple[Path, ...] = ()) -> ConfigFile:
    """Load the configuration file `path` (YAML, or a pyproject.toml with [tool.lintreport]),
    with what it `extends`."""
    stack = _stack or (path.resolve(),)
    if path.name == PYPROJECT:
        found = _pyproject_table(path)
        if found is None:
            raise ConfigError([PackIssue(shown_path(path), 1, 1, "没有 [tool.lintreport] 表")])
        return _extend(_load_toml(path, *found), stack)
    return _extend(_load_yaml(path), stack)


class ConfigFinder:
    """Finds and caches the nearest configuration of each directory (one finder per run)."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, ConfigFile | None] = {}
        self._loaded: dict[Path, ConfigFile] = {}

    def load(self, path: Path) -> ConfigFile:
        path = path.resolve()
        if path not in self._loaded:
            self._loaded[path] = load_config(path)
        return self._loaded[path]

    def _here(self, directory: Path) -> ConfigFile | None:
        for name in YAML_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return self.load(candidate)
        candidate = directory / PYPROJECT
        if candidate.is_file():
            found = _pyproject_table(candidate)
            if found is not None:
                resolved = candidate.resolve()
                if resolved not in self._loaded:
                    self._loaded[resolved] = _extend(_load_toml(resolved, *found), (resolved,))
                return self._loaded[resolved]
        return None

    def nearest(self, start: Path) -> ConfigFile | None:
        """The configuration that applies to `start` (a file or a directory)."""
        directory = start.resolve()
        if not directory.is_dir():
            directory = directory.parent
        visited: list[Path] = []
        found: ConfigFile | None = None
        for d in (directory, *directory.parents):
            if d in self._by_dir:
                found = self._by_dir[d]
                break
            visited.append(d)
            found = self._here(d)
            if found is not None:
                break
        for d in visited:
            self._by_dir[d] = found
        return found


STARTER = """\
# lintreport 配置文件（lintreport init 生成）。所有键均可省略；命令行选项优先于这里的设置。
# 从被检查文件所在目录向上查找，最近的 .lintreport.yaml（或 pyproject.toml 的
# [tool.lintreport]）生效。路径和通配符相对于本文件所在目录。

# 继承另一个配置文件（相对于本文件），本文件写出的键覆盖它的同名键
# extends: ../.lintreport.yaml

# 规则包：内置名称或路径（默认 fazhi-annual）
packs:
  - fazhi-annual
# 额外加载的规则包（本单位的补充规则），路径相对于本文件
# extra_packs:
#   - rules/our-house-style

# 只启用这些规则 id 或类别（structure、reference、number、wording、punctuation、metadata）
# select: [structure, reference]
# 忽略这些规则 id 或类别
# ignore: [halfwidth-punctuation]

# 调整某条规则或某个类别的严重程度（error、warning、info）
# severity:
#   punctuation: warning

# 按文件通配符忽略规则
# per_file_ignores:
#   "archive/**": [reference]

# 报告年度、报告类型（覆盖从标题推断的结果；一般不必设置）
# year: 2024
# report_type: fazhi-annual

# 上一年度的报告（跨年度检查：上年结转数、与上年重复的句子）
# previous: ../2023/年度报告.docx

# 检查目录时包括、排除的文件（通配符）
# include: ["reports/**/*.md"]
exclude:
  - "archive/**"

# 达到此严重程度即以状态 1 退出：error（默认）、warning、info、never
fail_on: error
# 警告超过此数目即以状态 1 退出（逐步收紧时使用）
# max_warnings: 50
"""


def write_starter(directory: Path) -> Path:
    """Write the commented starter `.lintreport.yaml` into `directory`; never overwrite."""
    target = directory / YAML_NAMES[0]
    if target.exists():
        raise LintreportError(f"{target.as_posix()} 已存在，未覆盖")
    with target.open("x", encoding="utf-8") as handle:
        handle.write(STARTER)
    return target
