"""Resolved settings: a file's nearest configuration with the command line laid over it.

Precedence, highest first: command-line option, configuration file, built-in default. Two
exceptions, both documented in docs/configuration.md: `--ignore` adds to the configuration's
`ignore` (ignoring more on the command line is what people mean), and `extra_packs` are loaded
even with `--pack`. Run-wide settings (`fail_on`, `max_warnings`) come from the configuration
that applies to the current directory (or `--config`), since one run has one exit status.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import TypeVar

from ..model import Severity
from ..record import record
from .config import ConfigData, ConfigFile, ConfigFinder, load_config

DEFAULT_PACKS = ("fazhi-annual", "xxgk-annual")
T = TypeVar("T")


@record(frozen=True)
class Overrides:
    """What the command line said; None (or empty) means "not given"."""

    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    year: int | None = None
    report_type: str | None = None
    fail_on: str | None = None
    max_warnings: int | None = None
    config: Path | None = None  # --config: use this file for every input, no discovery
    isolated: bool = False  # --isolated: no configuration at all
    previous: str | None = None  # --previous: last year's report


@record(frozen=True)
class Settings:
    """Everything that decides how one file is checked, and where each value came from."""

    config: ConfigFile | None
    packs: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, Severity], ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    year: int | None
    report_type: str | None
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    fail_on: str
    max_warnings: int | None
    previous: str | None = None  # last year's report, for the cross-year checks
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def root(self) -> Path | None:
        return None if self.config is None else self.config.root

    def relpath(self, key: str, path: Path) -> str | None:
        """`path` relative to the directory of the file that set `key` (None: not below it)."""
        if self.config is None:
            return None
        try:
            return path.resolve().relative_to(self.config.root_for(key).resolve()).as_posix()
        except ValueError:
            return None

    def rule_key(self) -> tuple[object, ...]:
        """What decides which rules run: files with equal keys share packs and rules."""
        return (self.packs, self.select, self.ignore, self.year, self.report_type, self.previous)


def _pack_spec(spec: str, root: Path) -> str:
    """A pack named in a configuration: a path relative to it if one exists, else a name."""
    candidate = root / spec
    if candidate.exists() or "/" in spec or "\\" in spec:
        # a path is always relative to the configuration (config.py has confined it), never
        # looked up again relative to the working directory
        return candidate.as_posix()
    return spec  # a built-in name, or a misspelt one that load_pack suggests a name for


class Resolver:
    """Resolves settings per file for one run, caching configuration lookups."""

    def __init__(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self.finder = ConfigFinder()
        self._fixed: ConfigFile | None = None
        if overrides.config is not None:
            self._fixed = load_config(overrides.config)

    def config_for(self, path: Path) -> ConfigFile | None:
        if self.overrides.isolated:
            return None
        if self._fixed is not None:
            return self._fixed
        return self.finder.nearest(path)

    def settings_for(self, path: Path) -> Settings:
        return resolve(self.config_for(path), self.overrides)

    def run_settings(self) -> Settings:
        """Settings of the current directory: the source of run-wide values."""
        return self.settings_for(Path.cwd())


class _Picker:
    """Chooses each value by precedence and remembers where it came from."""

    def __init__(self, config: ConfigFile | None) -> None:
        self.config = config
        self.data = config.data if config is not None else ConfigData()
        self.origins: dict[str, str] = {}

    def in_config(self, key: str) -> bool:
        return self.config is not None and self.config.has(key)

    def pick(self, key: str, cli_value: T | None, config_value: T, default: T) -> T:
        if cli_value is not None and cli_value != ():
            self.origins[key] = "命令行"
            return cli_value
        if self.config is not None and self.in_config(key):
            self.origins[key] = self.config.origin(key)
            return config_value
        self.origins[key] = "默认"
        return default


def resolve(config: ConfigFile | None, o: Overrides) -> Settings:
    p = _Picker(config)
    data = p.data

    def root(key: str) -> Path:
        return config.root_for(key) if config is not None else Path(".")

    config_packs = tuple(_pack_spec(x, root("packs")) for x in data.packs or ())
    packs = p.pick("packs", o.packs, config_packs, DEFAULT_PACKS)
    extra = tuple(_pack_spec(x, root("extra_packs")) for x in data.extra_packs)
    p.pick("extra_packs", None, extra, ())
    select = p.pick("select", o.select, tuple(data.select), ())
    ignore = p.pick("ignore", None, tuple(data.ignore), ())
    if o.ignore:  # --ignore adds to the configuration's list
        ignore = tuple(dict.fromkeys((*ignore, *o.ignore)))
        base = p.origins["ignore"]
        p.origins["ignore"] = "命令行" if base == "默认" else f"命令行 + {base}"
    severity = p.pick("severity", None, data.severity, {})
    per_file = p.pick("per_file_ignores", None, data.per_file_ignores, {})
    return Settings(
        config=config,
        packs=tuple(dict.fromkeys((*packs, *extra))),
        select=select,
        ignore=ignore,
        severity=tuple((k, Severity(v)) for k, v in severity.items()),
        per_file_ignores=tuple((g, tuple(r)) for g, r in per_file.items()),
        year=p.pick("year", o.year, data.year, None),
        report_type=p.pick("report_type", o.report_type, data.report_type, None),
        include=p.pick("include", None, tuple(data.include), ()),
        exclude=p.pick("exclude", None, tuple(data.exclude), ()),
        fail_on=p.pick("fail_on", o.fail_on, data.fail_on, None) or "error",
        max_warnings=p.pick("max_warnings", o.max_warnings, data.max_warnings, None),
        previous=p.pick(
            "previous",
            o.previous,
            (root("previous") / data.previous).as_posix() if data.previous else None,
            None,
        ),
        origins=p.origins,
    )
