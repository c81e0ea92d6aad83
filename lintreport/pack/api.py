"""Finding and loading packs: the entry points, light enough for a cold start.

A pack that is in the per-user cache (cache.py) is unpickled without importing the YAML parser,
the schema validator or the loader (~15 ms of a cold `lintreport check`); those are imported
only when a pack really has to be read and validated (loader.py).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import PackError, PackIssue
from .cache import cached_load
from .locate import builtin_packs, resolve_pack
from .model import Pack


def load_pack(spec: str) -> Pack:
    """Load a built-in pack by name, or a pack file/directory by path; raise PackError on issues."""
    path = resolve_pack(spec)
    if path is None:
        from .schema import did_you_mean

        available = builtin_packs()
        raise PackError(
            [
                PackIssue(
                    spec,
                    1,
                    1,
                    f"找不到规则包“{spec}”"
                    + did_you_mean(spec, available)
                    + f"（内置：{'、'.join(available) or '无'}）",
                )
            ]
        )
    issues: list[PackIssue] = []

    def load() -> tuple[Pack | None, list[Path], bool]:
        from .loader import _Loader  # only on a cache miss: the loader imports PyYAML

        loader = _Loader()
        pack = loader.load(path)
        issues.extend(loader.issues)
        return (None if loader.issues else pack), loader.files, loader.used_extends

    pack = cached_load(str(path), path.resolve(), load)
    if issues or pack is None:
        raise PackError(issues)
    return pack


def load_packs(specs: list[str]) -> list[Pack]:
    """Load several packs, collecting the issues of all; rule ids must be unique across packs."""
    packs: list[Pack] = []
    issues: list[PackIssue] = []
    for spec in specs:
        try:
            packs.append(load_pack(spec))
        except PackError as exc:
            issues.extend(exc.issues)
    seen: dict[str, str] = {}
    origins: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if origins.get(rule.id) == rule.origin:
                continue  # one shared file included by two packs: the same rule, run once
            origins.setdefault(rule.id, rule.origin)
            if rule.id in seen and seen[rule.id] != pack.id:
                file, _, line = rule.origin.rpartition(":")
                issues.append(
                    PackIssue(
                        file, int(line), 1, f"规则 id“{rule.id}”与规则包“{seen[rule.id]}”重复"
                    )
                )
            seen.setdefault(rule.id, pack.id)
    if issues:
        raise PackError(issues)
    return packs
