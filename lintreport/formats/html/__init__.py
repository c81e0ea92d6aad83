"""`--format html`: one self-contained page for a reviewer, for one report or a hundred.

Everything the page needs is inside the file (CSS, script, SVG); it loads nothing, and its
Content-Security-Policy forbids loading anything and runs only the page's own script and style
(by hash), so even a report text that slipped past escaping could not run. All report text —
paths, titles, the documents, messages, suggestions — is HTML-escaped where it is written.

The page works without its script (marks, lists, links to each mark, the rule appendix); the
script adds the filters, sorting, and the details popup on hover and click.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

from ...model import RunResult
from ...record import record
from ..descriptors import RuleInfo


@record(frozen=True)
class HtmlFormatter:
    name: str = "html"
    needs_text: bool = True
    needs_tables: bool = True
    carries_errors: bool = True
    describes_rules: bool = True
    explains_rules: bool = True
    names_report_types: bool = True
    # One document like json: `--statistics` and notes go to stderr, never into the page.
    machine: bool = True

    def render(
        self,
        result: RunResult,
        stream: TextIO,
        *,
        color: bool,
        rules: Sequence[RuleInfo] = (),
        report_types: Mapping[str, str] | None = None,
    ) -> None:
        from .page import render_page  # only when a page is made: no start-up cost for others

        render_page(result, stream, rules, report_types or {})


FORMATTER = HtmlFormatter()
