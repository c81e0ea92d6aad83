"""Output formats: each module renders a finished RunResult to a stream and decides nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol, TextIO

from ..model import RunResult
from . import json_format, text


class Formatter(Protocol):
    name: str

    def render(self, result: RunResult, stream: TextIO, *, color: bool) -> None: ...


_FORMATTERS: tuple[Formatter, ...] = (text.FORMATTER, json_format.FORMATTER)

FORMATS: Mapping[str, Formatter] = MappingProxyType({f.name: f for f in _FORMATTERS})
