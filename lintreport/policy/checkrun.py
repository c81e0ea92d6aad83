"""The `check` command's pipeline around the runner: configuration, policy, baseline.

    paths → files (include/exclude per configuration) → groups sharing packs and rules →
    runner (lint_file, or the parallel pool) → per file: per-file ignores → suppression →
    severity overrides → baseline → stream / collect → RunResult

Checks and formatters know none of this: checks yield findings, formatters get a finished
RunResult. Every step here is a small function of (settings, violations, text).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.document import Document
from ..errors import PackIssue, UsageError
from ..formats.descriptors import RuleInfo, rule_infos
from ..model import (
    Category,
    DocumentInfo,
    FileError,
    Finding,
    RunResult,
    Severity,
    TableLayout,
    Violation,
)
from ..pack import Pack, Rule, load_packs
from ..pack.schema import did_you_mean
from ..run.runner import (
    FileOutcome,
    RunOptions,
    collect_paths,
    lint_file,
    select_rules,
    unknown_report_type,
)
from .config import ConfigError
from .globs import any_match
from .ignorefile import IGNORE_FILE, IgnoreFile, load_ignore_file
from .settings import Resolver, Settings
from .suppression import UNUSED_ID, UNUSED_RULE, apply_comment_directives, builtin_enabled

if TYPE_CHECKING:
    from .baseline import Baseline  # read only with --baseline (cli/options.py loads it)

CATEGORIES = frozenset(c.value for c in Category)


def _rel(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


@dataclass
class Ruleset:
    packs: list[Pack]
    rules: list[Rule]
    active: frozenset[str]  # rule ids and categories that run
    known: frozenset[str]  # every rule id, alias and category that exists
    unused_on: bool  # whether unused-suppression is reported


@dataclass
class CheckRun:
    """One `check` run: resolves settings per file, lints, applies policy."""

    resolver: Resolver
    baseline: Baseline | None = None
    keep_text: bool = False  # keep texts in the result (formatters that quote or fingerprint)
    jobs: int = 1
    pack_cache: dict[tuple[str, ...], list[Pack]] = field(default_factory=dict)
    _rulesets: dict[tuple[object, ...], Ruleset] = field(default_factory=dict)
    _ignore_files: dict[Path, IgnoreFile | None] = field(default_factory=dict)
    _checked: set[tuple[object, ...]] = field(default_factory=set)
    rules_seen: dict[str, RuleInfo] = field(default_factory=dict)
    suppressed: int = 0
    baselined: int = 0
    skipped_types: Counter[str] = field(default_factory=Counter)  # ".doc" → files passed over

    # -- rules -------------------------------------------------------------------------------

    def ruleset(self, s: Settings) -> Ruleset:
        key = s.rule_key()
        if key in self._rulesets:
            found = self._rulesets[key]
            checked = (key, s.config.path if s.config else None)
            if checked not in self._checked:  # same rules, another config: check its names
                self._check_names(s, found.known)
                self._checked.add(checked)
            return found
        self._checked.add((key, s.config.path if s.config else None))
        if s.packs not in self.pack_cache:
            self.pack_cache[s.packs] = load_packs(list(s.packs))
        packs = self.pack_cache[s.packs]
        all_rules = [r for p in packs for r in p.rules]
        known = frozenset(
            {r.id for r in all_rules} | {a for r in all_rules for a in r.aliases} | CATEGORIES
        ) | {UNUSED_ID}
        self._check_names(s, known)
        self._check_report_type(s, packs)
        select = tuple(n for n in s.select if n != UNUSED_ID)
        ignore = tuple(n for n in s.ignore if n != UNUSED_ID)
        if s.select and not select:
            rules: list[Rule] = []
        else:
            rules = select_rules(packs, select, ignore)
        active = frozenset({r.id for r in rules} | {r.category.value for r in rules})
        unused_on = builtin_enabled(s.select, s.ignore)
        if not rules and UNUSED_ID not in s.select:
            raise UsageError("没有启用任何规则：请检查 select/ignore 设置（命令行或配置文件）")
        ruleset = Ruleset(packs, rules, active, known, unused_on)
        for info in rule_infos(rules):
            self.rules_seen.setdefault(info.id, info)
        if unused_on:
            self.rules_seen.setdefault(UNUSED_ID, UNUSED_RULE)
        self._rulesets[key] = ruleset
        return ruleset

    def _check_report_type(self, s: Settings, packs: Sequence[Pack]) -> None:
        """A report type that no loaded pack declares would silently turn every rule off."""
        message = unknown_report_type(s.report_type, packs)
        if message is None:
            return
        if self.resolver.overrides.report_type is not None or s.config is None:
            raise UsageError(message)
        src = s.config.source("report_type") or s.config
        line, col = src.positions.get("report_type", (1, 1))
        raise ConfigError([PackIssue(src.shown, line, col, message)])

    def _check_names(self, s: Settings, known: frozenset[str]) -> None:
        """Every rule name must exist; names from a configuration are reported at their key."""
        o = self.resolver.overrides
        for name in (*o.select, *o.ignore):
            if name not in known:
                raise UsageError(f"未知的规则或类别“{name}”" + did_you_mean(name, known))
        if s.config is None:
            return
        data = s.config.data
        named: list[tuple[str, Iterable[str]]] = [
            ("select", data.select),
            ("ignore", data.ignore),
            ("severity", data.severity),
            ("per_file_ignores", (r for rules in data.per_file_ignores.values() for r in rules)),
        ]
        issues: list[PackIssue] = []
        for key, names in named:
            for name in names:
                if name in known:
                    continue
                src = s.config.source(key) or s.config
                entry = src.entry_positions.get(key, {}).get(name)
                line, col = entry or src.positions.get(key, (1, 1))
                message = f"“{key}”中未知的规则或类别“{name}”" + did_you_mean(name, known)
                issues.append(PackIssue(src.shown, line, col, message))
        if issues:
            raise ConfigError(issues)

    def for_file(self, path: Path) -> tuple[Settings, Ruleset]:
        """The settings and rules that apply to `path` (also for --fix and standard input)."""
        s = self.resolver.settings_for(path)
        return s, self.ruleset(s)

    def stdin_options(
        self, name: str | None, options: RunOptions
    ) -> tuple[Path, list[Pack], RunOptions]:
        """Packs and options for standard input reported as `name`: its would-be config."""
        path = Path(name) if name else Path.cwd() / "-"
        s, ruleset = self.for_file(path)
        ids = tuple(r.id for r in ruleset.rules)
        if not ids:
            raise UsageError("没有启用任何检查规则：请检查 select/ignore 设置")
        opts = dataclasses.replace(
            options,
            year=s.year,
            report_type=s.report_type,
            previous=s.previous,
            select=ids,
            ignore=(),
            keep_text=True,
        )
        return path, ruleset.packs, opts

    def fix_rules(self, path: Path) -> tuple[Settings, list[Rule], list[Pack]]:
        """Rules for `--fix` on `path`: a suppressed or per-file-ignored finding is never fixed."""
        s, ruleset = self.for_file(path)
        dropped = self._per_file_dropped(path, s)
        rules = [
            dataclasses.replace(r, check=_PolicyCheck(r, self, path, s))
            for r in ruleset.rules
            if r.id not in dropped and r.category.value not in dropped
        ]
        return s, rules, ruleset.packs

    def _per_file_dropped(self, path: Path, s: Settings) -> set[str]:
        rel = s.relpath("per_file_ignores", path)
        dropped: set[str] = set()
        if rel is not None:
            for pattern, names in s.per_file_ignores:
                if any_match([pattern], rel):
                    dropped.update(names)
        return dropped

    def is_suppressed(self, path: Path, display: str, text: str, v: Violation, s: Settings) -> bool:
        """Whether a directive or ignore-file entry suppresses `v` (records nothing as used)."""
        ruleset = self.ruleset(s)
        outcome = apply_comment_directives(
            display, text, [v], ruleset.active, ruleset.known, report_unused=False
        )
        if not outcome.kept:
            return True
        for ignore_file in self._ignore_files_for(path, s):
            relpath = _rel(path, ignore_file.path.parent) or path.as_posix()
            if ignore_file.suppresses(v, relpath, text, ruleset.active, record=False):
                return True
        return False

    # -- files -------------------------------------------------------------------------------

    def files(
        self, paths: Sequence[str], options: RunOptions
    ) -> tuple[list[Path], list[FileError]]:
        """Files to check: directories expanded, then include/exclude of each file's config."""
        self.skipped_types.clear()  # counted afresh: --fix walks the paths before the check run
        files, errors = collect_paths(paths, options, self.skipped_types)
        explicit = {Path(p) for p in paths if not Path(p).is_dir()}
        kept: list[Path] = []
        for f in files:
            s = self.resolver.settings_for(f)
            excluded = s.relpath("exclude", f)
            if excluded is not None and any_match(s.exclude, excluded):
                continue
            included = s.relpath("include", f)
            if s.include and f not in explicit and not any_match(s.include, included or ""):
                continue
            kept.append(f)
        return kept, errors

    def _outcomes(
        self, files: list[Path], ruleset: Ruleset, options: RunOptions
    ) -> Iterator[FileOutcome]:
        opts = dataclasses.replace(options, keep_text=True)
        if self.jobs > 1 and len(files) > 1:
            from ..run.parallel import lint_files_parallel  # only when used: start-up cost

            # the workers select rules from options themselves: give them the group's selectors
            names = {r.id for r in ruleset.rules}
            opts = dataclasses.replace(opts, select=tuple(sorted(names)), ignore=())
            yield from lint_files_parallel(files, ruleset.packs, opts, self.jobs)
        else:
            for f in files:
                yield lint_file(f, ruleset.packs, ruleset.rules, opts)

    # -- policy ------------------------------------------------------------------------------

    def _ignore_files_for(self, path: Path, s: Settings) -> list[IgnoreFile]:
        dirs = [path.resolve().parent]
        if s.root is not None:
            dirs.append(s.root.resolve())
        out: list[IgnoreFile] = []
        for d in dict.fromkeys(dirs):
            candidate = d / IGNORE_FILE
            if candidate not in self._ignore_files:
                self._ignore_files[candidate] = (
                    load_ignore_file(candidate) if candidate.is_file() else None
                )
            loaded = self._ignore_files[candidate]
            if loaded is not None:
                out.append(loaded)
        return out

    def apply_policy(
        self, path: Path, display: str, text: str | None, violations: list[Violation], s: Settings
    ) -> list[Violation]:
        """Per-file ignores, suppression, severity overrides and baseline, in that order."""
        ruleset = self.ruleset(s)
        active = set(ruleset.active)
        dropped = self._per_file_dropped(path, s)
        items = [v for v in violations if v.rule not in dropped and v.category not in dropped]
        active -= dropped
        unused: list[Violation] = []
        if text is not None:
            outcome = apply_comment_directives(
                display, text, items, active, ruleset.known, ruleset.unused_on
            )
            items, unused = outcome.kept, outcome.unused
            self.suppressed += outcome.suppressed
            for ignore_file in self._ignore_files_for(path, s):
                base = ignore_file.path.parent
                relpath = _rel(path, base) or path.as_posix()
                before = len(items)
                items = [v for v in items if not ignore_file.suppresses(v, relpath, text, active)]
                self.suppressed += before - len(items)
        items.extend(v for v in unused if UNUSED_ID not in dropped and "metadata" not in dropped)
        if s.severity:
            items = [_with_severity(v, s.severity) for v in items]
        if self.baseline is not None and text is not None:
            before = len(items)
            items = self.baseline.new_findings(items, {display: text})
            self.baselined += before - len(items)
        items.sort(key=Violation.sort_key)
        return items

    def unused_ignore_entries(self) -> list[Violation]:
        found = [v for f in self._ignore_files.values() if f is not None for v in f.unused()]
        return found if any(r.unused_on for r in self._rulesets.values()) else []

    # -- the run -----------------------------------------------------------------------------

    def run(
        self,
        paths: Sequence[str],
        options: RunOptions,
        on_file: Callable[[list[Violation]], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> RunResult:
        """Lint `paths`; `on_file` receives each file's final violations as soon as it is done,
        `on_progress` (files done, files in all) is called after each file."""
        files, errors = self.files(paths, options)
        done = 0
        groups: dict[tuple[object, ...], tuple[Settings, list[Path]]] = {}
        for f in files:
            s = self.resolver.settings_for(f)
            self.ruleset(s)  # load packs and validate names before any output
            groups.setdefault((*s.rule_key(), s.config and s.config.path), (s, []))[1].append(f)
        documents: list[DocumentInfo] = []
        violations: list[Violation] = []
        texts: dict[str, str] = {}
        tables: dict[str, tuple[TableLayout, ...]] = {}
        for s, group in groups.values():
            ruleset = self.ruleset(s)
            group_options = dataclasses.replace(
                options, year=s.year, report_type=s.report_type, previous=s.previous
            )
            for path, outcome in zip(
                group, self._outcomes(group, ruleset, group_options), strict=True
            ):
                if outcome.info is not None:
                    documents.append(outcome.info)
                display = outcome.info.path if outcome.info else path.as_posix()
                kept = self.apply_policy(path, display, outcome.text, outcome.violations, s)
                if on_file is not None:
                    on_file(kept)
                done += 1
                if on_progress is not None:
                    on_progress(done, len(files))
                violations.extend(kept)
                errors.extend(outcome.errors)
                if outcome.text is not None and self.keep_text:
                    texts[display] = outcome.text
                if outcome.tables:
                    tables[display] = outcome.tables
        late = self.unused_ignore_entries()
        if late and on_file is not None:
            on_file(late)
        violations.extend(late)
        violations.sort(key=Violation.sort_key)
        documents.sort(key=lambda d: d.path)
        return RunResult(tuple(documents), tuple(violations), tuple(errors), texts, tables)

    def finish_single(self, result: RunResult, path: Path) -> RunResult:
        """Apply policy to an already-linted single document (standard input)."""
        s = self.resolver.settings_for(path)
        out: list[Violation] = []
        for doc in result.documents:
            text = result.texts.get(doc.path)
            mine = [v for v in result.violations if v.path == doc.path]
            out.extend(self.apply_policy(path, doc.path, text, mine, s))
        return dataclasses.replace(result, violations=tuple(out))

    def rule_infos(self) -> tuple[RuleInfo, ...]:
        return tuple(self.rules_seen.values())


@dataclass(frozen=True)
class _PolicyCheck:
    """A rule's check seen through suppression, so `--fix` leaves suppressed findings alone."""

    rule: Rule
    checker: CheckRun
    path: Path
    settings: Settings

    def run(self, doc: Document) -> Iterator[Finding]:
        for f in self.rule.check.run(doc):
            line, column = doc.position(f.start)
            end_line, end_column = doc.position(f.end)
            stub = Violation(
                doc.path, line, column, end_line, end_column, self.rule.id, self.rule.category,
                self.rule.severity, "", start=f.start, end=f.end,
            )  # fmt: skip
            if not self.checker.is_suppressed(self.path, doc.path, doc.text, stub, self.settings):
                yield f


def _with_severity(v: Violation, table: tuple[tuple[str, Severity], ...]) -> Violation:
    by_rule = dict(table)
    level = by_rule.get(v.rule) or by_rule.get(v.category.value)
    return v if level is None or level == v.severity else dataclasses.replace(v, severity=level)


def exit_code(result: RunResult, fail_on: str, max_warnings: int | None, exit_zero: bool) -> int:
    """0 clean, 1 findings at or above `fail_on` or more warnings than allowed, 2 errors."""
    if result.errors:
        return 2
    if exit_zero:
        return 0
    if max_warnings is not None:
        warnings = sum(1 for v in result.violations if v.severity is Severity.WARNING)
        if warnings > max_warnings:
            return 1
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(v.severity.rank >= threshold for v in result.violations) else 0
