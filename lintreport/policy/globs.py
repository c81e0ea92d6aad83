"""Path globs for configuration (include, exclude, per-file ignores), gitignore-like.

`*` and `?` stay within one path segment, `**` spans segments, a pattern without `/` matches at
any depth (`*.txt`, `drafts`), and a pattern that matches a directory matches everything below it.
Paths are POSIX paths relative to the directory of the configuration file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip().removeprefix("./")
    if pat.endswith("/"):
        pat += "**"
    if "/" not in pat.rstrip("/"):
        pat = "**/" + pat
    pat = pat.lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[":
            close = pat.find("]", i + 1)
            if close < 0:
                out.append(re.escape(pat[i]))
                i += 1
            else:
                body = pat[i + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = close + 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    return re.compile("".join(out) + r"(?:/.*)?\Z", re.DOTALL)


def glob_match(pattern: str, relpath: str) -> bool:
    """Whether POSIX `relpath` (or a directory above it) matches `pattern`."""
    return compile_glob(pattern).match(relpath) is not None


def any_match(patterns: Iterable[str], relpath: str) -> bool:
    return any(glob_match(p, relpath) for p in patterns)
