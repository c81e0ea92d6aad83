"""Loaded rule packs: frozen, validated, compiled once."""

from __future__ import annotations

from typing import Any, Literal

from ..document.classify import TypeSignals
from ..model import Category, Severity
from ..record import record
from .conditions import Condition

# Keys every rule may carry, whatever its kind; a kind's Params may not reuse them.
COMMON_KEYS = (
    "id",
    "kind",
    "category",
    "severity",
    "message",
    "title",
    "description",
    "source",
    "link",
    "fix",
    "when",
    "aliases",
    "enabled",
    "examples",
    "applies_to",
    "since",
    "until",
)
REQUIRED_KEYS = ("id", "kind", "category", "severity", "message", "source", "examples")

FixPolicy = Literal["none", "safe", "unsafe"]
# "type": only documents of the pack's report type; "any": every document (punctuation, wording).
AppliesTo = Literal["type", "any"]


@record(frozen=True, slots=True)
class Example:
    """One example from a rule's `examples`; markers `[[…]]` are stripped into `spans`."""

    text: str
    spans: tuple[tuple[int, int], ...]
    marked: bool
    year: int | None
    path: str
    fixed: str | None
    message: str | None
    count: int | None
    note: str | None
    origin: str  # "pack.yml:12"
    infer_type: bool = False  # the report type is inferred from the text, not the pack's
    report_type: str | None = None  # a type other than the pack's, when given
    previous: str | None = None  # last year's report, for the rules that compare years


@record(frozen=True)
class Rule:
    id: str
    kind: str
    category: Category
    severity: Severity
    message: str
    source: str
    title: str | None  # a short Chinese name (rules list, SARIF name); optional in the schema
    description: str | None
    link: str | None
    fix: FixPolicy
    when: Condition | None
    aliases: tuple[str, ...]
    enabled: bool
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    check: Any  # the compiled CheckKind instance
    params: Any
    pack: str
    origin: str  # "path:line" of the rule in its pack file
    applies_to: AppliesTo = "type"
    since: int | None = None  # first report year the rule applies to
    until: int | None = None  # last report year the rule applies to


@record(frozen=True)
class Pack:
    id: str
    name: str
    report_type: str | None
    version: str
    description: str | None
    sources: tuple[str, ...]
    path: str
    rules: tuple[Rule, ...]
    example_year: int | None
    recognize: TypeSignals | None = None  # what a document of `report_type` looks like
