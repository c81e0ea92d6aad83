"""Resolved settings: a file's nearest configuration with the command line laid over it.

Precedence, highest first: command-line option, configuration file, built-in default. Two
exceptions, both documented in docs/configuration.md: `--ignore` adds to the configuration's
`ignore` (ignoring more on the command line is what people mean), and `extra_packs` are loaded
even with `--pack`. Run-wide settings (`fail_on`, `max_warnings`) come from the configuration
that applies to the current directory (or `--config`), since one run has one exit status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import ConfigFile, ConfigFinder, load_config
from .model import Severity

DEFAULT_PACKS = ("fazhi-annual",)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    origins: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def root(self) -> Path | None:
        return None if self.config is None else self.config.root

    def rule_key(self) -> tuple[object, ...]:
        """What decides which rules run: files with equal keys share packs and rules."""
        return (self.packs, self.select, self.ignore, self.year, self.report_type)


def _pack_spec(spec: str, root: Path) -> str:
    """A pack named in a configuration: a path relative to it if one exists, else a name."""
    candidate = root / spec
    return candidate.as_posix() if candidate.exists() else spec


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


def resolve(config: ConfigFile | None, o: Overrides) -> Settings:
    origins: dict[str, str] = {}

    def pick(key: str, cli_value: object, config_value: object, default: object) -> object:
        if cli_value not in (None, ()):
            origins[key] = "命令行"
            return cli_value
        if config is not None and key in config.positions:
            origins[key] = config.origin(key)
            return config_value
        origins[key] = "默认"
        return default

    data = config.data if config is not None else None
    root = config.root if config is not None else Path(".")
    config_packs = None
    if data is not None and data.packs is not None:
        config_packs = tuple(_pack_spec(p, root) for p in data.packs)
    packs = pick("packs", o.packs, config_packs, DEFAULT_PACKS)
    extra: tuple[str, ...] = ()
    if data is not None and data.extra_packs:
        extra = tuple(_pack_spec(p, root) for p in data.extra_packs)
        origins["extra_packs"] = config.origin("extra_packs") if config else "默认"
    select = pick("select", o.select, tuple(data.select) if data else (), ())
    ignore = tuple(data.ignore) if data else ()
    if ignore and config is not None:
        origins["ignore"] = config.origin("ignore")
    if o.ignore:
        ignore = tuple(dict.fromkeys((*ignore, *o.ignore)))
        origins["ignore"] = ("命令行 + " + origins["ignore"]) if "ignore" in origins else "命令行"
    origins.setdefault("ignore", "默认")

    def from_config(key: str, default: object) -> object:
        if config is not None and key in config.positions:
            origins[key] = config.origin(key)
            return getattr(data, key)
        origins[key] = "默认"
        return default

    severity = from_config("severity", {})
    per_file = from_config("per_file_ignores", {})
    include = from_config("include", [])
    exclude = from_config("exclude", [])
    return Settings(
        config=config,
        packs=tuple(dict.fromkeys((*packs, *extra))),  # type: ignore[misc]
        select=tuple(select),  # type: ignore[arg-type]
        ignore=ignore,
        severity=tuple((k, Severity(v)) for k, v in severity.items()),  # type: ignore[attr-defined]
        per_file_ignores=tuple((g, tuple(r)) for g, r in per_file.items()),  # type: ignore[attr-defined]
        year=pick("year", o.year, data.year if data else None, None),  # type: ignore[arg-type]
        report_type=pick(  # type: ignore[arg-type]
            "report_type", o.report_type, data.report_type if data else None, None
        ),
        include=tuple(include),  # type: ignore[arg-type]
        exclude=tuple(exclude),  # type: ignore[arg-type]
        fail_on=pick("fail_on", o.fail_on, data.fail_on if data else None, "error"),  # type: ignore[arg-type]
        max_warnings=pick(  # type: ignore[arg-type]
            "max_warnings", o.max_warnings, data.max_warnings if data else None, None
        ),
        origins=origins,
    )
