"""`lintreport lsp`: a language server over stdio (pygls), so editors show findings as you type.

Diagnostics are published on open, on save and, debounced, on change; each carries the rule id
as `code`, the rule's link as `codeDescription`, and `source: "lintreport"`. Code actions offer
every safe fix as a quick fix, and all of them at once as `source.fixAll.lintreport`.

The linting itself is the runner's (`Document.from_text` + `lint_document`); this module only
translates. NOTE: positions are converted from code points to the client's position encoding
(UTF-16 code units unless the client negotiated otherwise) here and nowhere else.

Packs are loaded once and kept; before each lint the pack files' modification times and the
nearest configuration file are checked, so editing a pack or `.lintreport.yaml` takes effect on
the next keystroke without a restart (`workspace/didChangeWatchedFiles` also relints at once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from ..document.document import Document
from ..document.inputs import DOCX
from ..errors import LintreportError
from ..model import Severity, Violation
from ..pack import Pack, load_packs
from ..policy.checkrun import CheckRun
from ..policy.settings import Overrides, Resolver
from ..run.runner import lint_document
from ..version import __version__

DEBOUNCE_SECONDS = 0.3
FIX_ALL = "source.fixAll.lintreport"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def code_units(text: str, encoding: str) -> int:
    """Length of `text` in the units of an LSP position encoding."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    # UTF-16: an astral character is a surrogate pair. Counted by the codec, not per character in
    # Python: a position deep in a 1,000-character paragraph costs ~1 µs instead of ~100, and
    # a report with hundreds of findings is re-published on every pause in typing. A lone
    # surrogate (possible in an editor's buffer) passes through as the one unit it was.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def lsp_position(doc: Document, line: int, column: int, encoding: str) -> types.Position:
    """The LSP position of a 1-based (line, code-point column) of `doc`."""
    line = min(max(line, 1), doc.line_count)
    text = doc.line_text(line)
    return types.Position(line=line - 1, character=code_units(text[: column - 1], encoding))


def overrides_from(options: Any, base: Overrides) -> Overrides:
    """The client's initializationOptions laid over `base` (the `lintreport lsp` options)."""
    if not isinstance(options, dict):
        return base

    def strings(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = options.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else default

    year = options.get("year")
    report_type = options.get("reportType")
    return replace(
        base,
        packs=strings("packs", base.packs),
        select=strings("select", base.select),
        ignore=strings("ignore", base.ignore),
        year=year if isinstance(year, int) else base.year,
        report_type=str(report_type) if report_type else base.report_type,
    )


class PackCache:
    """Loaded packs by spec list, reloaded when a YAML file in a pack's directory changes."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, ...], tuple[tuple[Any, ...], list[Pack]]] = {}

    @staticmethod
    def _stamp(packs: Sequence[Pack]) -> tuple[Any, ...]:
        # A pack's includes sit beside its pack.yml; not recursive, since a one-file pack may
        # live in a large directory that must not be walked on every keystroke.
        stamp: list[Any] = []
        for pack in packs:
            root = Path(pack.path)
            root = root if root.is_dir() else root.parent
            for f in sorted(root.glob("*.y*ml")):
                try:
                    st = f.stat()
                except OSError:
                    continue
                stamp.append((str(f), st.st_mtime_ns, st.st_size))
        return tuple(stamp)

    def get(self, specs: tuple[str, ...]) -> list[Pack]:
        cached = self._entries.get(specs)
        if cached is not None and cached[0] == self._stamp(cached[1]):
            return cached[1]
        packs = load_packs(list(specs))
        self._entries[specs] = (self._stamp(packs), packs)
        return packs

    def clear(self) -> None:
        self._entries.clear()


@dataclass
class Published:
    """The fixes behind the diagnostics last published for one document version."""

    version: int | None
    fixes: list[tuple[types.Diagnostic, str]] = field(default_factory=list)


class LintProtocol(LanguageServerProtocol):
    """Two pygls behaviours worked around (pygls 2.1):

    - a failing request is answered with the Python traceback in `error.data`, which an editor
      shows to the user: keep the error and its one-line message, never the traceback;
    - every notification's future is stored under a random id in `_request_futures` and never
      removed (~2 KB per keystroke for the life of the editor session): drop finished ones.
    """

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        finished = [key for key, future in self._request_futures.items() if future.done()]
        for key in finished:
            # a finished request's own callback pops its id too (pop tolerates either order)
            self._request_futures.pop(key, None)

    def _send_response(
        self, msg_id: Any, result: Any = None, error: types.ResponseError | None = None
    ) -> None:
        if error is not None and error.data is not None:
            first = (error.message or "").strip().splitlines()[:1]
            message = f"内部错误：{first[0]}" if first else "内部错误"
            error = types.ResponseError(code=error.code, message=message)
        super()._send_response(msg_id, result, error)


class LintServer(LanguageServer):
    """The language server: state is per instance, never global."""

    def __init__(self, overrides: Overrides) -> None:
        super().__init__("lintreport", __version__, protocol_cls=LintProtocol)
        self.overrides = overrides
        self.packs = PackCache()
        self.published: dict[str, Published] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.reported: str | None = None  # last configuration error shown, not to repeat it

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def _violations(
        self, path: Path, text: str
    ) -> tuple[Document, list[Violation], dict[str, str]]:
        """Lint `text` as the file `path` exactly as `lintreport check` would.

        A fresh Resolver re-reads the nearest configuration, so edits to it apply at once;
        packs come from the mtime-checked cache, since loading them is the slow part.
        """
        resolver = Resolver(self.overrides)
        settings = resolver.settings_for(path)
        # CheckRun would load packs itself; hand it the cached ones (its own per-run cache).
        checker = CheckRun(resolver, pack_cache={settings.packs: self.packs.get(settings.packs)})
        settings, ruleset = checker.for_file(path)
        doc = Document.from_text(
            text, str(path), year=settings.year, report_type=settings.report_type
        )
        found, errors = lint_document(doc, ruleset.rules, ruleset.packs)
        for error in errors:  # a rule that crashed or timed out: the others still report
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Warning, message=error.message)
            )
        kept = checker.apply_policy(path, doc.path, doc.text, found, settings)
        return doc, kept, {r.id: r.link for r in ruleset.rules if r.link}

    def lint(self, uri: str) -> None:
        """Lint the open document `uri` and publish its diagnostics."""
        self.cancel(uri)
        text_doc = self.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or text_doc.filename or "untitled.txt")
        if path.suffix.lower() == DOCX:
            return  # an editor shows a .docx as bytes; `lintreport check` reads it properly
        try:
            if text_doc.source.strip():
                doc, violations, links = self._violations(path, text_doc.source)
            else:  # a new, empty buffer is not a report missing every section
                doc, violations, links = Document.from_text("", str(path)), [], {}
        except LintreportError as exc:  # a broken pack or config: say so, keep serving
            self._config_error(str(exc))
            return
        self.reported = None
        published = Published(text_doc.version)
        diagnostics = []
        for v in violations:
            diagnostic = self._diagnostic(doc, v, links.get(v.rule))
            diagnostics.append(diagnostic)
            if v.fix is not None and v.fix.safe:
                published.fixes.append((diagnostic, v.fix.replacement))
        self.published[uri] = published
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=text_doc.version, diagnostics=diagnostics
            )
        )

    def _diagnostic(self, doc: Document, v: Violation, link: str | None) -> types.Diagnostic:
        start = lsp_position(doc, v.line, v.column, self.encoding)
        end = lsp_position(doc, v.end_line, v.end_column, self.encoding)
        message = v.message + (f"\n建议：{v.suggestion}" if v.suggestion else "")
        return types.Diagnostic(
            range=types.Range(start=start, end=end),
            message=message,
            severity=_SEVERITY[v.severity],
            code=v.rule,
            code_description=types.CodeDescription(href=link) if link else None,
            source="lintreport",
            data={"fix": v.fix.replacement} if v.fix is not None else None,
        )

    def _config_error(self, message: str) -> None:
        if message != self.reported:
            self.reported = message
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"lintreport：{message}"
                )
            )

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def schedule(self, uri: str) -> None:
        """Lint `uri` once typing pauses for DEBOUNCE_SECONDS."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(DEBOUNCE_SECONDS, self.lint, uri)

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        current = self.workspace.get_text_document(uri).version
        published = self.published.get(uri)
        if published is None or published.version != current:
            self.lint(uri)  # typed faster than the debounce (fix-all on save): lint now
            published = self.published.get(uri)
            if published is None or published.version != current:
                return []
        wanted = params.context.only
        actions: list[types.CodeAction] = []
        if not wanted or types.CodeActionKind.QuickFix in wanted:
            for diagnostic, replacement in published.fixes:
                if _overlaps(diagnostic.range, params.range):
                    actions.append(
                        types.CodeAction(
                            title=f"修复为“{replacement}”（{diagnostic.code}）",
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            is_preferred=True,
                            edit=_edit(uri, current, [(diagnostic.range, replacement)]),
                        )
                    )
        fix_all = not wanted or any(FIX_ALL.startswith(k) for k in wanted)
        if fix_all and published.fixes:
            edits: list[tuple[types.Range, str]] = []
            for diagnostic, replacement in sorted(published.fixes, key=_range_key):
                if edits and _before(diagnostic.range.start, edits[-1][0].end):
                    continue  # overlapping fixes: the next lint offers the rest
                edits.append((diagnostic.range, replacement))
            actions.append(
                types.CodeAction(
                    title=f"修复全部可安全修复的问题（{len(edits)} 处）",
                    kind=FIX_ALL,
                    edit=_edit(uri, current, edits),
                )
            )
        return actions


def _range_key(item: tuple[types.Diagnostic, str]) -> tuple[int, int, int, int]:
    r = item[0].range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def _before(a: types.Position, b: types.Position) -> bool:
    return (a.line, a.character) < (b.line, b.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return not (_before(a.end, b.start) or _before(b.end, a.start))


def _edit(
    uri: str, version: int | None, edits: list[tuple[types.Range, str]]
) -> types.WorkspaceEdit:
    # A versioned edit: the client refuses it if the buffer changed since the lint.
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                edits=[types.TextEdit(range=r, new_text=t) for r, t in edits],
            )
        ]
    )


def create_server(overrides: Overrides) -> LintServer:
    """A server with every feature registered (separate from `serve` so tests can build one)."""
    server = LintServer(overrides)

    @server.feature(types.INITIALIZE)
    def initialize(ls: LintServer, params: types.InitializeParams) -> None:
        ls.overrides = overrides_from(params.initialization_options, ls.overrides)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.published.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: LintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.packs.clear()
        for uri in list(ls.workspace.text_documents):
            ls.lint(uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(ls: LintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


def serve(packs: Sequence[str] = ()) -> int:
    """Run the server over stdin/stdout until the client exits."""
    create_server(Overrides(packs=tuple(packs))).start_io()
    return 0
