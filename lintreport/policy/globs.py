"""Path globs for configuration (include, exclude, per-file ignores), with .gitignore's rules.

`*` and `?` stay within one path segment, `**` spans segments, a pattern without `/` matches at
any depth (`*.txt`, `drafts`), and a pattern that matches a directory matches everything below it.
Paths are POSIX paths relative to the directory of the configuration file. The matching is
pathspec's implementation of git's wildmatch, the same one the directory walk uses for
`.gitignore`, so a pattern means the same in both places.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # ~12 ms: only when a configuration has globs

    # "./drafts" is how people write a path relative to the config; git has no such form
    return GitIgnoreSpec.from_lines([pattern.strip().removeprefix("./")])


def glob_match(pattern: str, relpath: str) -> bool:
    """Whether POSIX `relpath` (or a directory above it) matches `pattern`."""
    return compile_glob(pattern).match_file(relpath)


def any_match(patterns: Iterable[str], relpath: str) -> bool:
    return any(glob_match(p, relpath) for p in patterns)
