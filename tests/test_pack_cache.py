"""The per-user pack cache: same pack as a fresh load, invalidated by any change, never fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lintreport.pack import load_pack, rules_root
from lintreport.run.runner import lint_text

TEXT = "关于2023年度法制政府建设情况的报告\n一、主要举措\n依据《行政处罚法》,推进工作。\n"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
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


def test_changed_pack_file_invalidates(cache_home: Path, tmp_path: Path) -> None:
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
