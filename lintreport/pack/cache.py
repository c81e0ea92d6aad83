"""A per-user cache of loaded packs, so a cold `lintreport check` does not re-validate and
re-compile a pack that has not changed.

Loading `fazhi-annual` costs ~80 ms, nearly all of it the `regex` module compiling ~480 patterns
in Python. A compiled `regex` pattern pickles as its compiled code (`_regex.compile(pattern,
flags, code, …)`), so unpickling a loaded `Pack` — kinds, compiled patterns and all — takes ~5 ms.

Unpickling runs code, so an entry is loaded only from a place nobody else can write: the cache
directory must be a real directory (not a symlink) owned by the current user and not writable by
group or others, inside a parent that others cannot rename it out of, and the entry a regular
file owned by the user and not writable by others — checked with `fstat` on the opened
directory and file, so what is checked is what is read. The directory is created 0700 and the
entries 0600. A cache that fails these checks is ignored (never repaired, never written to);
`lintreport check --verbose` says why. Where the OS has no such owners or cannot open a file
relative to a directory descriptor (Windows), the cache is off.

The cache lives in the platform's per-user cache directory (`platformdirs`: `$XDG_CACHE_HOME/
lintreport` or `~/.cache/lintreport` on Linux, `~/Library/Caches/lintreport` on macOS,
`%LOCALAPPDATA%\\lintreport\\Cache` on Windows), or in `$LINTREPORT_CACHE_DIR`; never in the
project. It stays small: one entry per pack location, overwritten when the code or the pack
changes, and entries unused for 30 days (or beyond the 32 most recently used) are removed when a
new entry is written. `lintreport cache clean` removes them all.

An entry is used only if every pack file it was built from still has the same content (SHA-256),
the lintreport sources, Python, `regex` and PyYAML are the same, and (for a pack that `extends`
another, which may be resolved against the working directory) the directory is the same. Any
other problem reading, unpickling or writing the cache means: load the pack normally, say
nothing. `LINTREPORT_NO_CACHE=1` turns the cache off. Only packs that loaded without issues are
stored; errors are always reported from a real load.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..record import record
from ..text import carried
from .model import Pack

# Bump when the cached structure changes in a way the code fingerprint would not notice.
_FORMAT = 1
_PACKAGE_DIR = Path(__file__).resolve().parents[1]
_TEMP_PREFIX = ".pack-"
_MAX_AGE = 30 * 24 * 3600  # seconds since an entry was last used
_MAX_ENTRIES = 32
# Only where the OS has owners and can open a file relative to a directory descriptor.
_POSIX = hasattr(os, "getuid") and os.open in os.supports_dir_fd
_LOG = "lintreport.cache"


@record(frozen=True)
class _Entry:
    files: tuple[tuple[str, str], ...]  # (resolved path, sha256 of its bytes)
    cwd: str | None  # set when the pack used `extends`
    pack: Pack
    # the document model's patterns, compiled: unpickling them is ~60x cheaper than compiling
    patterns: dict[tuple[str, int], Any]


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is off or its location is not absolute."""
    if os.environ.get("LINTREPORT_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("LINTREPORT_CACHE_DIR")
    if explicit:
        base = Path(explicit)
    else:
        import platformdirs  # only here: the cache is the one user of it

        base = Path(platformdirs.user_cache_dir("lintreport", appauthor=False))
    if not base.is_absolute():
        return None  # an unexpanded "~" or a relative path would put the cache in the project
    return base


def _note(message: str) -> None:
    """Say why the cache is not used; shown by `--verbose` (logging is imported only here)."""
    import logging

    logging.getLogger(_LOG).info(message)


def _unsafe(st: os.stat_result, *, directory: bool) -> str | None:
    """Why a directory or file with status `st` must not be trusted, or None."""
    kind_ok = stat.S_ISDIR(st.st_mode) if directory else stat.S_ISREG(st.st_mode)
    if not kind_ok:
        return "不是普通目录" if directory else "不是普通文件"
    if st.st_uid != os.getuid():
        return f"属于其他用户（uid {st.st_uid}）"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"同组或其他用户可写（权限 {stat.S_IMODE(st.st_mode):04o}）"
    return None


def _parent_unsafe(directory: Path) -> str | None:
    """A parent others can write (without the sticky bit) lets them swap the cache directory."""
    try:
        st = os.stat(directory.parent)
    except OSError:
        return None  # the directory does not exist yet either: nothing to load
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
        return f"上级目录 {directory.parent} 他人可写"
    return None


def _open_dir(directory: Path) -> int | None:
    """A descriptor of the cache directory if it is safe to load from, else None (noted)."""
    if not _POSIX:
        return None
    reason = _parent_unsafe(directory)
    if reason is None:
        try:
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except FileNotFoundError:
            return None
        except OSError:
            reason = "无法打开（可能是符号链接）"
        else:
            reason = _unsafe(os.fstat(fd), directory=True)
            if reason is None:
                return fd
            os.close(fd)
    _note(f"规则包缓存目录 {directory} {reason}，不使用缓存")
    return None


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


def _entry_name(name: str, resolved: Path) -> str:
    # One file per pack location, overwritten when the code or the pack changes: the cache
    # does not grow with every edit of a kind.
    key = hashlib.sha256(f"{name}\0{resolved}".encode()).hexdigest()
    return f"pack-{key[:32]}.pickle"


def _read(dir_fd: int, entry_name: str, code: bytes) -> Pack | None:
    try:
        fd = os.open(entry_name, os.O_RDONLY | os.O_NOFOLLOW, dir_fd=dir_fd)
    except OSError:
        return None  # no entry yet (or a symlink: never followed)
    try:
        with os.fdopen(fd, "rb") as f:
            reason = _unsafe(os.fstat(f.fileno()), directory=False)
            if reason is not None:
                _note(f"规则包缓存文件 {entry_name} {reason}，不使用")
                return None
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
        # The entry's mtime says when it was last used: what pruning keeps.
        os.utime(entry_name, dir_fd=dir_fd)
        carried.install(entry.patterns)
        return entry.pack
    except Exception:  # a broken cache is rebuilt, never reported
        return None


def _ensure_dir(directory: Path) -> int | None:
    """Create the cache directory (0700) if missing; a descriptor of it when it is safe."""
    if not _POSIX:
        return None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return _open_dir(directory)


def _prune(dir_fd: int, keep: str) -> None:
    """Remove leftovers and entries unused for _MAX_AGE, and the oldest beyond _MAX_ENTRIES."""
    now = time.time()
    entries: list[tuple[float, str]] = []
    for name in os.listdir(dir_fd):
        try:
            st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            continue
        if name.startswith(_TEMP_PREFIX) and name.endswith(".tmp"):
            if now - st.st_mtime > 3600:  # an interrupted write, not one in progress
                _remove(dir_fd, name)
        elif name.startswith("pack-") and name.endswith(".pickle") and name != keep:
            entries.append((st.st_mtime, name))
    entries.sort(reverse=True)
    for position, (mtime, name) in enumerate(entries):
        if now - mtime > _MAX_AGE or position >= _MAX_ENTRIES - 1:
            _remove(dir_fd, name)


def _remove(dir_fd: int, name: str) -> bool:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except OSError:
        return False
    return True


def _write(dir_fd: int, entry_name: str, code: bytes, entry: _Entry) -> None:
    tmp = f"{_TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}.tmp"
    try:
        # O_EXCL|O_NOFOLLOW: never write through a planted name; 0600: nobody else reads or
        # changes what we will unpickle.
        fd = os.open(
            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dir_fd
        )
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(code)
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry_name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            _remove(dir_fd, tmp)
            raise
        _prune(dir_fd, entry_name)
    except Exception:  # unwritable dir, unpicklable plugin kind: no cache
        pass


def cached_load(
    name: str, resolved: Path, load: Callable[[], tuple[Pack | None, Iterable[Path], bool]]
) -> Pack | None:
    """Return the cached pack for the pack file `resolved` (named `name` by the user), or call
    `load()` -> (pack or None on issues, the files it read, whether it used `extends`) and store
    its result."""
    directory = cache_dir()
    dir_fd = None
    entry_name = ""
    code = b""
    if directory is not None:
        try:
            entry_name = _entry_name(name, resolved)
            code = _code_fingerprint().encode() + b"\n"
            dir_fd = _open_dir(directory)
        except Exception:  # e.g. a source file vanished mid-install
            dir_fd = None
    try:
        if dir_fd is not None:
            pack = _read(dir_fd, entry_name, code)
            if pack is not None:
                return pack
        pack, files, used_extends = load()
        if pack is None or directory is None or not entry_name:
            return pack
        if dir_fd is None:
            if os.path.lexists(directory):
                return pack  # there but unsafe (noted above): never written to
            dir_fd = _ensure_dir(directory)
            if dir_fd is None:
                return pack
        try:
            digests = tuple((str(p), _digest(str(p))) for p in dict.fromkeys(files))
        except OSError:
            return pack
        cwd = os.getcwd() if used_extends else None
        _write(dir_fd, entry_name, code, _Entry(digests, cwd, pack, carried.compile_all()))
        return pack
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


def clean_cache() -> tuple[Path | None, int]:
    """Remove every entry of the cache (`lintreport cache clean`): (directory, files removed).

    Only our own files are removed, whatever the directory's state; the directory itself goes
    when it is left empty.
    """
    directory = cache_dir()
    if directory is None or not directory.is_dir() or directory.is_symlink():
        return directory, 0
    removed = 0
    for path in directory.iterdir():
        ours = path.name.startswith("pack-") and path.name.endswith(".pickle")
        temp = path.name.startswith(_TEMP_PREFIX) and path.name.endswith(".tmp")
        if (ours or temp) and not path.is_dir():
            try:
                path.unlink()
                removed += 1
            except OSError:
                continue
    with contextlib.suppress(OSError):  # not empty (someone else's files) or not ours: leave it
        directory.rmdir()
    return directory, removed
