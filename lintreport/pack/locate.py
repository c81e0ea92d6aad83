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


_VCS_MARKERS = (".git", ".hg", ".svn")


def project_roots(path: Path) -> tuple[Path, ...]:
    """Where files named by the configuration or pack file `path` may be: its project tree.

    A configuration or pack checked out with the drafts (a pull request in CI) must not make
    the tool read, and quote in its errors, a file outside them (`extends: /etc/passwd`, a CI
    secret). The project is the repository holding the file (the nearest directory with .git,
    .hg or .svn); outside a repository, the file's own directory and, when the tool runs from
    above it, the working directory (never the file-system root).
    """
    directory = path.resolve().parent
    for d in (directory, *directory.parents):
        if any((d / marker).exists() for marker in _VCS_MARKERS):
            return (d,)
    roots = [directory]
    cwd = Path.cwd().resolve()
    if cwd != Path(cwd.anchor) and directory.is_relative_to(cwd):
        roots.append(cwd)
    return tuple(roots)
