"""The per-user pack cache: same pack as a fresh load, invalidated by any change, never fatal."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from lintreport.pack import load_pack, rules_root
from lintreport.run.runner import lint_text
from tests.conftest import run_cli

TEXT = "关于2023年度法制政府建设情况的报告\n一、主要举措\n依据《行政处罚法》,推进工作。\n"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LINTREPORT_CACHE_DIR", str(tmp_path / "cache" / "lintreport"))
    monkeypatch.delenv("LINTREPORT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "lintreport"


def _findings(pack: object) -> list[tuple[str, int, int, str]]:
    result = lint_text(TEXT, [pack], path="x.txt")  # type: ignore[list-item]
    return [(v.rule, v.line, v.column, v.message) for v in result.violations]


def test_cached_pack_lints_like_a_fresh_load(cache_home: Path) -> None:
    fresh = load_pack("fazhi-annual")
    entries = list(cache_home.glob("pack-*.pickle"))
    assert len(entries) == 1
    cached = load_pack("fazhi-annual")
    assert cached is not fresh  # really read back from the cache
    assert [r.id for r in cached.rules] == [r.id for r in fresh.rules]
    assert [(r.when.source if r.when else None) for r in cached.rules] == [
        (r.when.source if r.when else None) for r in fresh.rules
    ]
    assert _findings(cached) == _findings(fresh)
    assert _findings(fresh)  # the text does have findings


def test_corrupt_cache_is_rebuilt_silently(cache_home: Path) -> None:
    load_pack("fazhi-annual")
    (entry,) = cache_home.glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    pack = load_pack("fazhi-annual")
    assert pack.rules
    assert entry.read_bytes() != b"not a pickle"


def test_changed_pack_file_invalidates(
    cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the copied rules are the project: ../shared is inside it
    pack_dir = tmp_path / "rules" / "pack"
    shutil.copytree(rules_root() / "fazhi-annual", pack_dir)
    shutil.copytree(rules_root() / "shared", tmp_path / "rules" / "shared")  # its includes
    first = load_pack(str(pack_dir))
    wording = pack_dir / "wording.yml"
    text = wording.read_text(encoding="utf-8")
    # Same size, same mtime granularity: only the content tells the change.
    assert "severity: warning" in text
    wording.write_text(text.replace("severity: warning", "severity: error  ", 1), encoding="utf-8")
    second = load_pack(str(pack_dir))
    changed = [
        a.id for a, b in zip(first.rules, second.rules, strict=True) if a.severity != b.severity
    ]
    assert len(changed) == 1


def test_no_cache_env(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTREPORT_NO_CACHE", "1")
    assert load_pack("fazhi-annual").rules
    assert not cache_home.exists()


def test_unwritable_cache_dir_is_ignored(cache_home: Path) -> None:
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the directory should be")
    assert load_pack("fazhi-annual").rules


def test_other_code_invalidates_and_overwrites(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lintreport.pack import cache

    first = load_pack("fazhi-annual")
    (entry,) = cache_home.glob("pack-*.pickle")
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "other code")
    second = load_pack("fazhi-annual")
    assert second is not first
    assert list(cache_home.glob("pack-*.pickle")) == [entry]  # one file per pack location
    assert entry.read_bytes().startswith(b"other code\n")


# -- a cache nobody else can plant ---------------------------------------------------------------

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")


class _Planted:
    """Unpickling this creates the marker file: what a planted entry could do as the victim."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _plant(cache_home: Path, marker: Path) -> Path:
    """Replace the real entries by pickles with the right header that run code when loaded.

    The entries are the ones the command line writes: an installed (non-editable) lintreport
    reads its packs from site-packages, not from this checkout, so its cache entries are its own.
    Returns the fazhi-annual entry; every entry is planted.
    """
    from lintreport.pack import cache

    _check_verbose(cache_home, marker.parent)  # the CLI writes the entries it will read
    entries = sorted(cache_home.glob("pack-*.pickle"))
    assert entries
    header = cache._code_fingerprint().encode() + b"\n"
    for entry in entries:
        entry.write_bytes(header + pickle.dumps(_Planted(marker)))
    return entries[0]


def _each_entry(cache_home: Path) -> list[Path]:
    return sorted(cache_home.glob("pack-*.pickle"))


def _check_verbose(cache_home: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    return run_cli("check", "--verbose", str(draft), env={"LINTREPORT_CACHE_DIR": str(cache_home)})


@posix_only
def test_cache_is_created_private(cache_home: Path) -> None:
    load_pack("fazhi-annual")
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    (entry,) = cache_home.glob("pack-*.pickle")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


@posix_only
def test_planted_pickle_in_group_writable_dir_is_not_loaded(
    cache_home: Path, tmp_path: Path
) -> None:
    load_pack("fazhi-annual")
    marker = tmp_path / "planted-code-ran"
    entry = _plant(cache_home, marker)
    cache_home.chmod(0o770)  # a shared cache directory: a group member could write the entry
    done = _check_verbose(cache_home, tmp_path)
    assert not marker.exists()
    assert done.returncode == 1, done.stderr  # the draft was checked with a freshly loaded pack
    assert "[fazhi-not-fazhi]" in done.stdout
    assert "规则包缓存目录" in done.stderr and "同组或其他用户可写" in done.stderr
    assert "Traceback" not in done.stderr
    # never repaired or overwritten: the user decides what to do with a shared directory
    assert pickle.dumps(_Planted(marker)) in entry.read_bytes()
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o770


@posix_only
def test_planted_pickle_writable_by_others_is_not_loaded(cache_home: Path, tmp_path: Path) -> None:
    load_pack("fazhi-annual")
    marker = tmp_path / "planted-code-ran"
    _plant(cache_home, marker)
    for entry in _each_entry(cache_home):
        entry.chmod(0o666)
    done = _check_verbose(cache_home, tmp_path)
    assert not marker.exists()
    assert done.returncode == 1 and "[fazhi-not-fazhi]" in done.stdout
    assert "同组或其他用户可写" in done.stderr


@posix_only
@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="chown needs root")
def test_planted_pickle_owned_by_another_user_is_not_loaded(
    cache_home: Path, tmp_path: Path
) -> None:
    load_pack("fazhi-annual")
    marker = tmp_path / "planted-code-ran"
    _plant(cache_home, marker)
    for entry in _each_entry(cache_home):
        entry.chmod(0o600)
        os.chown(entry, 12345, 12345)
    done = _check_verbose(cache_home, tmp_path)
    assert not marker.exists()
    assert done.returncode == 1 and "[fazhi-not-fazhi]" in done.stdout
    assert "属于其他用户" in done.stderr


@posix_only
def test_symlinked_cache_dir_is_not_used(cache_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_home.parent.mkdir(parents=True)
    cache_home.symlink_to(elsewhere)
    assert load_pack("fazhi-annual").rules
    assert list(elsewhere.iterdir()) == []  # nothing written through the link


def test_planted_pickle_is_loaded_by_nobody_quietly(cache_home: Path, tmp_path: Path) -> None:
    """Without --verbose an ignored cache costs nothing but time: the output is the normal one."""
    load_pack("fazhi-annual")
    _plant(cache_home, tmp_path / "marker")
    cache_home.chmod(0o777)
    draft = tmp_path / "draft.txt"
    draft.write_text(TEXT, encoding="utf-8")
    done = run_cli("check", str(draft), env={"LINTREPORT_CACHE_DIR": str(cache_home)})
    assert done.returncode == 1 and "缓存" not in done.stderr
    assert not (tmp_path / "marker").exists()


# -- bounded, cleanable ----------------------------------------------------------------------


def test_stale_entries_are_pruned_and_the_cache_stays_bounded(cache_home: Path) -> None:
    from lintreport.pack import cache

    cache_home.mkdir(parents=True, mode=0o700)
    old = time.time() - 40 * 24 * 3600
    for i in range(50):
        stale = cache_home / f"pack-{i:032x}.pickle"
        stale.write_bytes(b"x")
        recent = time.time() - i  # entry 0 the most recently used
        os.utime(stale, (old, old) if i >= 40 else (recent, recent))
    leftover = cache_home / ".pack-1-2.tmp"
    leftover.write_bytes(b"")
    os.utime(leftover, (old, old))
    load_pack("fazhi-annual")  # a miss: writes its entry and prunes
    names = {p.name for p in cache_home.iterdir()}
    assert len(names) == cache._MAX_ENTRIES
    assert f"pack-{0:032x}.pickle" in names  # the most recently used are kept
    assert f"pack-{45:032x}.pickle" not in names and leftover.name not in names


def test_cache_clean_through_the_cli(cache_home: Path, tmp_path: Path) -> None:
    load_pack("fazhi-annual")
    assert list(cache_home.glob("pack-*.pickle"))
    done = run_cli("cache", "clean", env={"LINTREPORT_CACHE_DIR": str(cache_home)})
    assert done.returncode == 0
    assert done.stdout.startswith("已删除 1 个规则包缓存文件")
    assert not cache_home.exists()
    again = run_cli("cache", "clean", env={"LINTREPORT_CACHE_DIR": str(cache_home)})
    assert again.returncode == 0 and again.stdout.startswith("已删除 0 个")


def test_cache_location_is_the_platform_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    from lintreport.pack.cache import cache_dir

    monkeypatch.delenv("LINTREPORT_CACHE_DIR", raising=False)
    monkeypatch.delenv("LINTREPORT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == Path(platformdirs.user_cache_dir("lintreport", appauthor=False))
    monkeypatch.setenv("LINTREPORT_CACHE_DIR", "relative/dir")
    assert cache_dir() is None  # never inside the project
