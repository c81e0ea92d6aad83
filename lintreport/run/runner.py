"""The pipeline: paths → documents → active rules → findings → violations → RunResult.

Checks know nothing of policy. The runner stamps path, rule, category and severity on their
findings, renders messages, converts offsets to positions, applies select/ignore, and isolates a
failing rule so the others still run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import field
from pathlib import Path

from ..checks.base import REGEX_TIMEOUT, regex_budget, relation_tally
from ..document.classify import TypeSignals
from ..document.document import Document
from ..document.inputs import DEFAULT_EXTENSIONS, load_document, rewritable
from ..errors import InputError, UsageError
from ..model import (
    Category,
    DocumentInfo,
    FileError,
    RunResult,
    TableLayout,
    Violation,
)
from ..pack import Pack, Rule
from ..pack.schema import did_you_mean
from ..record import record
from .stamp import stamp
from .walk import walk_directory


@record(frozen=True)
class RunOptions:
    """What a run checks and how; built by the CLI or by API callers."""

    year: int | None = None
    report_type: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude_dirs: tuple[str, ...] = field(
        default=(".git", ".hg", ".svn", "node_modules", "__pycache__")
    )
    keep_text: bool = True  # keep each document's text in the result, for the text formatter
    jobs: int = 1  # worker processes for several files (parallel.py); 1 lints in this process
    max_bytes: int | None = None  # largest file read; None: the format's default (source.py)
    respect_gitignore: bool = True  # directory walks leave out what .gitignore ignores
    keep_tables: bool = False  # keep each document's table layout, for the html formatter
    previous: str | None = None  # last year's report (--previous), for the cross-year checks


def _matches(rule: Rule, selector: str) -> int:
    """Specificity of `selector` for `rule`: 2 for its id or alias, 1 for its category, 0 none."""
    if selector == rule.id or selector in rule.aliases:
        return 2
    if selector == rule.category.value:
        return 1
    return 0


def select_rules(
    packs: Sequence[Pack], select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Rule]:
    """Enabled rules of `packs` after select/ignore; the most specific selector wins.

    Raises UsageError for a selector that names no rule and no category.
    """
    # A shared file included by several packs gives each the same rule (same id, same origin).
    rules = list({(r.id, r.origin): r for p in packs for r in p.rules}.values())
    select, ignore = list(select), list(ignore)
    known = (
        {r.id for r in rules} | {a for r in rules for a in r.aliases} | {c.value for c in Category}
    )
    for selector in (*select, *ignore):
        if selector not in known:
            raise UsageError(f"未知的规则或类别“{selector}”" + did_you_mean(selector, known))
    active = []
    for rule in rules:
        if not rule.enabled:
            continue
        chosen = max((_matches(rule, s) for s in select), default=0)
        dropped = max((_matches(rule, s) for s in ignore), default=0)
        if select and chosen == 0:
            continue
        if dropped and dropped >= chosen:
            continue
        active.append(rule)
    return active


def _applies(rule: Rule, pack_types: dict[str, str | None], facts: dict[str, object]) -> bool:
    """Whether `rule` runs on a document with `facts` (its report_year and report_type).

    A rule of a typed pack runs only on documents of that type (a document of no known type gets
    none), unless it applies to any document; a rule scoped to report years (since/until) runs
    only when the year is known and inside the scope.
    """
    if rule.applies_to == "type":
        pack_type = pack_types.get(rule.pack)
        if pack_type and pack_type != facts["report_type"]:
            return False
    if rule.since is not None or rule.until is not None:
        year = facts["report_year"]
        if not isinstance(year, int):
            return False
        if rule.since is not None and year < rule.since:
            return False
        if rule.until is not None and year > rule.until:
            return False
    if rule.when is None:
        return True
    return rule.when.holds(facts)


def type_signals(packs: Sequence[Pack]) -> tuple[TypeSignals, ...]:
    """What each report type of the loaded packs looks like (one entry per type)."""
    found: dict[str, TypeSignals] = {}
    for pack in packs:
        if pack.recognize is not None:
            found.setdefault(pack.recognize.report_type, pack.recognize)
    return tuple(found.values())


def known_report_types(packs: Sequence[Pack]) -> list[str]:
    return sorted({p.report_type for p in packs if p.report_type})


def unknown_report_type(value: str | None, packs: Sequence[Pack]) -> str | None:
    """The message for a `--report-type` (or config) value no loaded pack declares, or None."""
    known = known_report_types(packs)
    if value is None or value in known:
        return None
    return (
        f"未知的报告类型“{value}”"
        + did_you_mean(value, known)
        + f"（可用：{'、'.join(known) or '无'}）"
    )


def check_report_type(value: str | None, packs: Sequence[Pack]) -> None:
    """A `--report-type` (or config) value must name a type of the loaded packs."""
    message = unknown_report_type(value, packs)
    if message is not None:
        raise UsageError(message)


def document_info(
    doc: Document, packs: Sequence[Pack] = (), tally: relation_tally | None = None
) -> DocumentInfo:
    meta = doc.metadata
    if packs:
        doc.classify(type_signals(packs))
    return DocumentInfo(
        path=doc.path,
        report_type=doc.report_type,
        report_year=meta.report_year,
        title=meta.title,
        encoding=doc.source.encoding + ("-sig" if doc.source.bom else ""),
        year_source=meta.year_source,
        type_source=doc.type_evidence,
        relations_checked=None if tally is None else tally.count,
    )


def lint_document(
    doc: Document,
    rules: Sequence[Rule],
    packs: Sequence[Pack] = (),
    tally: relation_tally | None = None,
    *,
    fixable: bool | None = None,
) -> tuple[list[Violation], list[FileError]]:
    """Run `rules` on one document; a rule that fails becomes a FileError, not a crash.

    With `tally`, the numeric relations the rules evaluated are counted into it. `fixable` says
    whether safe fixes are offered as fixes (default: if --fix can rewrite the file); the
    annotated copy of a .docx offers them as tracked changes."""
    with tally or relation_tally():
        return _lint_document(doc, rules, packs, fixable)


def _lint_document(
    doc: Document, rules: Sequence[Rule], packs: Sequence[Pack], fixable: bool | None
) -> tuple[list[Violation], list[FileError]]:
    signals = type_signals(packs)
    recognised = {s.report_type for s in signals}
    # A typed pack without `recognize:` cannot tell its documents: its rules run on every document.
    pack_types = {p.id: p.report_type if p.report_type in recognised else None for p in packs}
    doc.classify(signals)
    year = doc.report_year
    doc_values = {
        "report_year": year,
        "next_year": None if year is None else year + 1,
        "report_type": doc.report_type,
        "title": doc.metadata.title,
    }
    violations: list[Violation] = []
    errors: list[FileError] = []
    seen: set[tuple[str, int, int]] = set()
    can_fix = rewritable(doc.path) if fixable is None else fixable
    # Regex time one rule may spend on this document: generous for any sane pattern (a few ms per
    # 100 KB), yet a catastrophic one stops within seconds however many lines it is tried on.
    budget = REGEX_TIMEOUT * (1 + len(doc.text) / 1_000_000)
    facts = {"report_year": year, "report_type": doc.report_type}
    for rule in rules:
        if not _applies(rule, pack_types, facts):
            continue
        try:
            with regex_budget(budget):
                findings = list(rule.check.run(doc))
        except TimeoutError:
            errors.append(
                FileError(
                    doc.path,
                    f"规则“{rule.id}”的正则表达式匹配超时，已跳过该规则（请检查规则包中的模式）",
                )
            )
            continue
        except Exception as exc:  # a bug in one kind must not cost the user the other rules
            errors.append(
                FileError(doc.path, f"规则“{rule.id}”检查出错，已跳过：{type(exc).__name__}: {exc}")
            )
            continue
        stamp(doc, rule, findings, doc_values, seen, can_fix, violations)
    violations.sort(key=Violation.sort_key)
    return violations, errors


def lint_text(
    text: str,
    packs: Sequence[Pack],
    *,
    path: str = "<text>",
    options: RunOptions | None = None,
) -> RunResult:
    """Lint a string (an editor buffer, a test) with already-loaded packs."""
    options = options or RunOptions()
    rules = select_rules(packs, options.select, options.ignore)
    try:
        doc = Document.from_text(text, path, year=options.year, report_type=options.report_type)
        doc.previous = load_previous(options)
    except InputError as exc:
        return RunResult((), (), (FileError(exc.path, exc.message),))
    tally = relation_tally()
    violations, errors = lint_document(doc, rules, packs, tally)
    return RunResult(
        (document_info(doc, tally=tally),), tuple(violations), tuple(errors), {doc.path: doc.text}
    )


def display_path(path: Path) -> str:
    return path.as_posix()


_BROKEN_LINK = "符号链接无效（目标不存在或链接成环），无法读取"


def _broken_link(path: Path) -> bool:
    return path.is_symlink() and not path.exists()


def collect_paths(
    paths: Sequence[str], options: RunOptions, skipped: Counter[str] | None = None
) -> tuple[list[Path], list[FileError]]:
    """Expand directories (recursively, by extension, sorted, minus what .gitignore ignores);
    missing paths become errors; documents of an unreadable type are counted in `skipped`."""
    files: list[Path] = []
    errors: list[FileError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = walk_directory(
                p,
                options.extensions,
                options.exclude_dirs,
                respect_gitignore=options.respect_gitignore,
            )
            if skipped is not None:
                skipped.update(found.skipped_types)
            for exc in found.unreadable:  # os.walk skips these silently: the user must know
                where = display_path(Path(exc.filename)) if exc.filename else display_path(p)
                errors.append(
                    FileError(where, f"无法读取目录：{exc.strerror or exc}，其中的文件未检查")
                )
            if not found.files and not found.unreadable:
                exts = "、".join(options.extensions)
                why = f"；{found.ignored} 个被 .gitignore 忽略" if found.ignored else ""
                errors.append(FileError(display_path(p), f"目录中没有可检查的文件（{exts}）{why}"))
            for f in found.files:
                if _broken_link(f):
                    errors.append(FileError(display_path(f), _BROKEN_LINK))
                else:
                    files.append(f)
        elif _broken_link(p):
            # NOTE: refused here, before anything calls Path.resolve(), which raises
            # RuntimeError on a symlink loop
            errors.append(FileError(display_path(p), _BROKEN_LINK))
        elif p.exists():
            files.append(p)
        else:
            errors.append(FileError(display_path(p), "文件不存在"))
    unique = list(dict.fromkeys(files))
    return unique, errors


@record(frozen=True)
class FileOutcome:
    """What linting one file produced; `text` is kept for formatters that quote lines."""

    info: DocumentInfo | None
    violations: list[Violation]
    errors: list[FileError]
    text: str | None
    tables: tuple[TableLayout, ...] = ()


def lint_file(
    path: Path, packs: Sequence[Pack], rules: Sequence[Rule], options: RunOptions
) -> FileOutcome:
    """Read and lint one file; never raises for a bad input."""
    display = display_path(path)
    try:
        doc = load_document(
            path,
            display,
            year=options.year,
            report_type=options.report_type,
            max_bytes=options.max_bytes,
        )
        doc.previous = load_previous(options)
    except InputError as exc:
        return FileOutcome(None, [], [FileError(exc.path, exc.message)], None)
    tally = relation_tally()
    violations, errors = lint_document(doc, rules, packs, tally)
    tables = table_layouts(doc) if options.keep_tables else ()
    return FileOutcome(document_info(doc, tally=tally), violations, errors, doc.text, tables)


def table_layouts(doc: Document) -> tuple[TableLayout, ...]:
    """The document's tables as spans of its text (each merged cell once, where it starts).

    Spans are read off the grid, where a merged cell is the same object at every position it
    covers, rather than from the cell's own numbers (joined tables renumber nothing)."""
    layouts = []
    for table in doc.tables:
        covered: dict[int, tuple[set[int], set[int]]] = {}
        first: list[tuple[int, object]] = []
        for r, grid_row in enumerate(table.grid):
            for c, cell in enumerate(grid_row):
                if cell is None:
                    continue
                if id(cell) not in covered:
                    covered[id(cell)] = (set(), set())
                    first.append((r, cell))
                covered[id(cell)][0].add(r)
                covered[id(cell)][1].add(c)
        rows: list[list[tuple[int, int, int, int]]] = [[] for _ in table.grid]
        for r, cell in first:
            spanned_rows, spanned_cols = covered[id(cell)]
            start, end = cell.start, cell.end  # type: ignore[attr-defined]
            rows[r].append((start, end, len(spanned_rows), len(spanned_cols)))
        layouts.append(TableLayout(table.start, table.end, tuple(tuple(r) for r in rows)))
    return tuple(layouts)


def load_previous(options: RunOptions) -> Document | None:
    """Last year's report named by `--previous` (or the configuration), or None."""
    if not options.previous:
        return None
    try:
        return load_document(Path(options.previous), max_bytes=options.max_bytes)
    except InputError as exc:
        raise InputError(exc.path, f"上年报告无法读取：{exc.message}") from None
