"""A per-user cache of loaded packs, so a cold `lintreport check` does not re-validate and
re-compile a pack that has not changed.

Loading `fazhi-annual` costs ~80 ms, nearly all of it the `regex` module compiling ~480 patterns
in Python. A compiled `regex` pattern pickles as its compiled code (`_regex.compile(pattern,
flags, code, …)`), so unpickling a loaded `Pack` — kinds, compiled patterns and all — takes ~5 ms.

The cache lives in `$XDG_CACHE_HOME/lintreport` (default `~/.cache/lintreport`), never in the
project. An entry is used only if every pack file it was built from still has the same content
(SHA-256), the lintreport sources, Python, `regex` and PyYAML are the same, and (for a pack that
`extends` another, which may be resolved against the working directory) the directory is the
same. Any problem reading, unpickling or writing the cache means: load the pack normally, say
nothing. `LINTREPORT_NO_CACHE=1` turns the cache off. Only packs that loaded without issues are
stored; errors are always reported from a real load.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .model import Pack

# Bump when the cached structure changes in a way the code fingerprint would not notice.
_FORMAT = 1
_PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class _Entry:
    files: tuple[tuple[str, str], ...]  # (resolved path, sha256 of its bytes)
    cwd: str | None  # set when the pack used `extends`
    pack: Pack


def cache_dir() -> Path | None:
    if os.environ.get("LINTREPORT_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # an unexpanded "~" or a relative path would put the cache in the project
    return Path(base) / "lintreport"


def _code_fingerprint() -> str:
    """Changes whenever any lintreport module, Python or a parsing dependency changes."""
    import regex  # imported by every kind anyway

    # PyYAML by the stat of its files: importing it would cost the 11 ms a cache hit saves.
    yaml_spec = importlib.util.find_spec("yaml")
    yaml_init = Path(yaml_spec.origin) if yaml_spec and yaml_spec.origin else None
    yaml_stat = yaml_init.stat() if yaml_init else None
    yaml_key = f"{yaml_init}:{yaml_stat.st_size}:{yaml_stat.st_mtime_ns}" if yaml_stat else "-"
    h = hashlib.sha256(f"{_FORMAT}|{sys.version}|{regex.__version__}|{yaml_key}".encode())
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        st = path.stat()
        h.update(f"|{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _entry_path(directory: Path, name: str, resolved: Path) -> Path:
    # One file per pack location, overwritten when the code or the pack changes: the cache
    # does not grow with every edit of a kind.
    key = hashlib.sha256(f"{name}\0{resolved}".encode()).hexdigest()
    return directory / f"pack-{key[:32]}.pickle"


def _read(entry_path: Path, code: bytes) -> Pack | None:
    try:
        with open(entry_path, "rb") as f:
            # The code fingerprint heads the file: an entry written by other code is never
            # unpickled (its classes may have changed).
            if f.readline() != code:
                return None
            entry = pickle.load(f)
        if not isinstance(entry, _Entry) or not isinstance(entry.pack, Pack):
            return None
        if entry.cwd is not None and entry.cwd != os.getcwd():
            return None
        for path, digest in entry.files:
            if _digest(path) != digest:
                return None
        return entry.pack
    except Exception:  # a broken cache is rebuilt, never reported
        return None


def _write(entry_path: Path, code: bytes, entry: _Entry) -> None:
    import tempfile  # only when writing: 3 ms of a cold start otherwise

    try:
        entry_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry_path.parent, prefix=".pack-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(code)
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry_path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # unwritable dir, unpicklable plugin kind: no cache
        pass


def cached_load(
    name: str, resolved: Path, load: Callable[[], tuple[Pack | None, Iterable[Path], bool]]
) -> Pack | None:
    """Return the cached pack for the pack file `resolved` (named `name` by the user), or call
    `load()` -> (pack or None on issues, the files it read, whether it used `extends`) and store
    its result."""
    directory = cache_dir()
    entry_path = None
    code = b""
    if directory is not None:
        try:
            entry_path = _entry_path(directory, name, resolved)
            code = _code_fingerprint().encode() + b"\n"
        except Exception:  # e.g. a source file vanished mid-install
            entry_path = None
    if entry_path is not None:
        pack = _read(entry_path, code)
        if pack is not None:
            return pack
    pack, files, used_extends = load()
    if pack is None or entry_path is None:
        return pack
    try:
        digests = tuple((str(p), _digest(str(p))) for p in dict.fromkeys(files))
    except OSError:
        return pack
    _write(entry_path, code, _Entry(digests, os.getcwd() if used_extends else None, pack))
    return pack
