"""Where packs are: the built-in pack directory and how a pack name or path resolves to a file.

Both the entry points (api.py) and the loader (extends:) resolve names; keeping this here is what
lets the loader not import the entry points.
"""

from __future__ import annotations

from pathlib import Path


def rules_root() -> Path:
    """Directory of the built-in packs: inside the wheel, or top-level rules/ in a checkout."""
    # The package directory itself (what importlib.resources.files returns for an installed,
    # non-zipped package) without importing importlib.resources: 10 ms of a cold start.
    packaged = Path(__file__).resolve().parents[1] / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_packs() -> list[str]:
    root = rules_root()
    return (
        sorted(p.name for p in root.iterdir() if (p / "pack.yml").is_file())
        if root.is_dir()
        else []
    )


def resolve_pack(spec: str, relative_to: Path | None = None) -> Path | None:
    candidates = []
    if relative_to is not None:
        candidates.append(relative_to / spec)
    candidates += [Path(spec), rules_root() / spec]
    for c in candidates:
        if c.is_dir() and (c / "pack.yml").is_file():
            return c / "pack.yml"
        if c.is_file():
            return c
    return None
