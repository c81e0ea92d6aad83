"""The `check` command's pipeline around the runner: configuration, policy, baseline.

    paths → files (include/exclude per configuration) → groups sharing packs and rules →
    runner (lint_file, or the parallel pool) → per file (perfile.py, where the file was linted):
    per-file ignores → suppression → severity overrides → baseline → [encoded output] →
    here: counters, ignore-file marks → stream (cli/streamed.py) / collect → RunResult

Checks and formatters know none of this: checks yield findings, formatters get a finished
RunResult or one file's violations. Every step is a small function of (settings, violations,
text).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from ..document.document import Document
from ..errors import UsageError
from ..formats.descriptors import RuleInfo, rule_infos
from ..model import (
    Category,
    DocumentInfo,
    FileError,
    Finding,
    RunResult,
    TableLayout,
    Violation,
)
from ..pack import Pack, Rule, load_packs
from ..record import record
from ..run.runner import (
    RunOptions,
    collect_paths,
    lint_file,
    select_rules,
)
from .config import shown_path
from .globs import any_match
from .ignorefile import IgnoreFile
from .names import check_names, check_report_type
from .perfile import (
    FilePolicy,
    FileResult,
    apply_policy,
    ignore_files_for,
    per_file_dropped,
    relative_to,
)
from .settings import Resolver, Settings
from .suppression import UNUSED_ID, UNUSED_RULE, apply_comment_directives, builtin_enabled

if TYPE_CHECKING:
    from .baseline import Baseline  # read only with --baseline (cli/options.py loads it)

CATEGORIES = frozenset(c.value for c in Category)


@record
class Ruleset:
    packs: list[Pack]
    rules: list[Rule]
    active: frozenset[str]  # rule ids and categories that run
    known: frozenset[str]  # every rule id, alias and category that exists
    unused_on: bool  # whether unused-suppression is reported


@record
class CheckRun:
    """One `check` run: resolves settings per file, lints, applies policy."""

    resolver: Resolver
    baseline: Baseline | None = None
    keep_text: bool = False  # keep texts in the result (formatters that quote or fingerprint)
    jobs: int = 1
    pack_cache: dict[tuple[str, ...], list[Pack]] = field(default_factory=dict)
    _rulesets: dict[tuple[object, ...], Ruleset] = field(default_factory=dict)
    _ignore_files: dict[Path, IgnoreFile | None] = field(default_factory=dict)
    _resolved: dict[Path, Path] = field(default_factory=dict)  # directories, resolved once
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
                check_names(self.resolver.overrides, s, found.known)
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
        check_names(self.resolver.overrides, s, known)
        check_report_type(self.resolver.overrides, s, packs)
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
        dropped = per_file_dropped(path, s)
        rules = [
            dataclasses.replace(r, check=_PolicyCheck(r, self, path, s))
            for r in ruleset.rules
            if r.id not in dropped and r.category.value not in dropped
        ]
        return s, rules, ruleset.packs

    def is_suppressed(self, path: Path, display: str, text: str, v: Violation, s: Settings) -> bool:
        """Whether a directive or ignore-file entry suppresses `v` (records nothing as used)."""
        ruleset = self.ruleset(s)
        outcome = apply_comment_directives(
            display, text, [v], ruleset.active, ruleset.known, report_unused=False
        )
        if not outcome.kept:
            return True
        for ignore_file in self._ignore_files_for(path, s):
            relpath = relative_to(path, ignore_file.path.parent) or path.as_posix()
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

    def _results(
        self, files: list[Path], ruleset: Ruleset, options: RunOptions, policy: FilePolicy
    ) -> Iterator[FileResult]:
        """Each file linted and its policy applied, in the order of `files`: by worker
        processes with `jobs` > 1 (only paths go out, small results come back), else here."""
        opts = dataclasses.replace(options, keep_text=True)  # suppression reads the text
        if self.jobs > 1 and len(files) > 1:
            from ..run.parallel import map_files_parallel  # only when used: start-up cost

            # the workers select rules from options themselves: give them the group's selectors
            names = {r.id for r in ruleset.rules}
            opts = dataclasses.replace(opts, select=tuple(sorted(names)), ignore=())
            yield from map_files_parallel(files, ruleset.packs, opts, self.jobs, policy)
        else:
            for f in files:
                yield policy(f, lint_file(f, ruleset.packs, ruleset.rules, opts))

    # -- policy ------------------------------------------------------------------------------

    def _ignore_files_for(self, path: Path, s: Settings) -> list[IgnoreFile]:
        return ignore_files_for(path, s, self._resolved, self._ignore_files)

    def apply_policy(
        self, path: Path, display: str, text: str | None, violations: list[Violation], s: Settings
    ) -> list[Violation]:
        """Per-file ignores, suppression, severity overrides and baseline, in that order."""
        ruleset = self.ruleset(s)
        ignore_files = self._ignore_files_for(path, s) if text is not None else []
        applied = apply_policy(
            path, display, text, violations, s, ruleset.active, ruleset.known,
            ruleset.unused_on, ignore_files, self.baseline,
        )  # fmt: skip
        self.suppressed += applied.suppressed
        self.baselined += applied.baselined
        return applied.kept

    def file_policy(
        self, s: Settings, encode: Callable[[list[Violation], str | None], str] | None = None
    ) -> FilePolicy:
        """The per-file part of this run for files with settings `s`, to run where they are
        linted; with `encode`, each file comes back as its encoded part of the output."""
        ruleset = self.ruleset(s)
        return FilePolicy(
            s,
            ruleset.active,
            ruleset.known,
            ruleset.unused_on,
            self.baseline,
            encode,
            self.keep_text and encode is None,  # an encoded file has quoted its lines already
        )

    def unused_ignore_entries(self) -> list[Violation]:
        found = [v for f in self._ignore_files.values() if f is not None for v in f.unused()]
        return found if any(r.unused_on for r in self._rulesets.values()) else []

    # -- the run -----------------------------------------------------------------------------

    def groups(
        self, paths: Sequence[str], options: RunOptions
    ) -> tuple[list[tuple[Settings, list[Path]]], list[FileError]]:
        """The files to check, grouped by the settings and rules they share; every pack is
        loaded, every rule name and ignore file validated before any output."""
        files, errors = self.files(paths, options)
        groups: dict[tuple[object, ...], tuple[Settings, list[Path]]] = {}
        for f in files:
            s = self.resolver.settings_for(f)
            self.ruleset(s)
            groups.setdefault((*s.rule_key(), s.config and s.config.path), (s, []))[1].append(f)
        for s, group in groups.values():
            for f in group:
                self._ignore_files_for(f, s)
        return list(groups.values()), errors

    def ignore_file_names(self) -> list[str]:
        """The shown paths of the ignore files of this run (where unused entries are reported)."""
        return [shown_path(f.path) for f in self._ignore_files.values() if f is not None]

    def results(
        self,
        groups: Sequence[tuple[Settings, list[Path]]],
        options: RunOptions,
        encode: Callable[[list[Violation], str | None], str] | None = None,
    ) -> Iterator[FileResult]:
        """Every file of `groups` linted, with its policy applied (and its output encoded by
        `encode`) where it was linted; the suppression counts and the ignore-file entries'
        marks are recorded here as results arrive."""
        for s, group in groups:
            group_options = dataclasses.replace(
                options, year=s.year, report_type=s.report_type, previous=s.previous
            )
            policy = self.file_policy(s, encode)
            for result in self._results(group, self.ruleset(s), group_options, policy):
                self.suppressed += result.suppressed
                self.baselined += result.baselined
                for where, applied, used in result.marks:
                    mine = self._ignore_files.get(where)
                    if mine is None:
                        continue
                    for i in applied:
                        mine.entries[i].applied = True
                    for i in used:
                        mine.entries[i].used = True
                yield result

    def run(
        self,
        paths: Sequence[str],
        options: RunOptions,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> RunResult:
        """Lint `paths` and collect the result (the formats that need all of it; streamed
        output takes `results`); `on_progress` (files done, files in all) after each file."""
        groups, errors = self.groups(paths, options)
        total = sum(len(g) for _, g in groups)
        documents: list[DocumentInfo] = []
        violations: list[Violation] = []
        texts: dict[str, str] = {}
        tables: dict[str, tuple[TableLayout, ...]] = {}
        for done, result in enumerate(self.results(groups, options), 1):
            if result.info is not None:
                documents.append(result.info)
            kept = result.violations or []
            if on_progress is not None:
                on_progress(done, total)
            violations.extend(kept)
            errors.extend(result.errors)
            if result.text is not None:
                texts[result.display] = result.text
            if result.tables:
                tables[result.display] = result.tables
        violations.extend(self.unused_ignore_entries())
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


@record(frozen=True)
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
