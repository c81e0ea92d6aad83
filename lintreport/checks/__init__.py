"""The registry of check kinds: one module each, listed here and nowhere else.

A pack's `kind:` names one of these. Adding a kind means writing its module and adding its
class to `_KIND_CLASSES`; the runner never changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .announced_count import AnnouncedCount
from .base import BaseKind, CheckKind, ParamError
from .citation_consistency import CitationConsistency
from .enumeration_runs import EnumerationRuns
from .figure_relation import FigureRelation
from .halfwidth_punctuation import HalfwidthPunctuation
from .heading_numbering import HeadingNumbering
from .heading_numeral import HeadingNumeral
from .machine_paraphrase import MachineParaphrase
from .nested_title_marks import NestedTitleMarks
from .numbered_parts import NumberedParts
from .outdated_reference import OutdatedReference
from .page_chrome import PageChrome
from .paired_marks import PairedMarks
from .pattern import Pattern
from .plan_period import PlanPeriod
from .previous_overlap import PreviousOverlap
from .rate_relation import RateRelation
from .report_metadata import ReportMetadata
from .required_sections import RequiredSections
from .share_relation import ShareRelation
from .sum_relation import SumRelation
from .table_relation import TableRelation
from .year_relation import YearRelation

_KIND_CLASSES: tuple[type[BaseKind], ...] = (
    Pattern,
    HeadingNumbering,
    EnumerationRuns,
    RequiredSections,
    ReportMetadata,
    PageChrome,
    OutdatedReference,
    PlanPeriod,
    CitationConsistency,
    HalfwidthPunctuation,
    PairedMarks,
    NestedTitleMarks,
    HeadingNumeral,
    MachineParaphrase,
    SumRelation,
    RateRelation,
    ShareRelation,
    AnnouncedCount,
    YearRelation,
    FigureRelation,
    TableRelation,
    NumberedParts,
    PreviousOverlap,
)

KINDS: Mapping[str, type[BaseKind]] = MappingProxyType({cls.name: cls for cls in _KIND_CLASSES})

__all__ = ["KINDS", "BaseKind", "CheckKind", "ParamError"]
