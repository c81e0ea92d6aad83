"""Configs and packs reach only the project, the pack's own folder and the installed packs.

A configuration checked out with the drafts (a pull request checked in CI) must not make the
tool read a file outside them and quote it in an error: `extends: /etc/passwd` or a CI secret.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

DRAFT = "关于2023年度法治政府建设情况的报告\n一、主要举措\n推进法制政府建设。\n"
SECRET = "TOPSECRET-7f3a: hunter2\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_text(SECRET, encoding="utf-8")
    proj = tmp_path / "proj"
    (proj / ".git").mkdir(parents=True)
    (proj / "a.txt").write_text(DRAFT, encoding="utf-8")
    return proj


def _check(project: Path, config: str) -> tuple[int, str]:
    (project / ".lintreport.yaml").write_text(config, encoding="utf-8")
    done = run_cli("check", "a.txt", cwd=project)
    return done.returncode, done.stdout + done.stderr


def _refused(code: int, output: str, key: str) -> None:
    assert code == 2, output
    assert "TOPSECRET" not in output and "hunter2" not in output
    assert "root:" not in output
    assert "Traceback" not in output and "内部错误" not in output
    assert f".lintreport.yaml:1:1: {key} 只能" in output  # positioned at our key


def test_extends_etc_passwd_prints_nothing_of_it(project: Path) -> None:
    _refused(*_check(project, "extends: /etc/passwd\n"), "extends")


def test_extends_outside_the_project(project: Path) -> None:
    _refused(*_check(project, "extends: ../outside/secret.yaml\n"), "extends")


def test_extends_through_a_symlink_that_leaves_the_project(project: Path) -> None:
    (project / "link.yaml").symlink_to(project.parent / "outside" / "secret.yaml")
    _refused(*_check(project, "extends: link.yaml\n"), "extends")


def test_extends_a_file_that_is_not_a_configuration(project: Path) -> None:
    (project / "notes.txt").write_text(SECRET, encoding="utf-8")
    _refused(*_check(project, "extends: notes.txt\n"), "extends")


@pytest.mark.parametrize("key", ["extra_packs", "packs"])
def test_packs_outside_the_project(project: Path, key: str) -> None:
    _refused(*_check(project, f"{key}: [/etc/passwd]\n"), key)
    _refused(*_check(project, f"{key}: [../outside/secret.yaml]\n"), key)


def test_pack_include_and_extends_stay_in_the_pack_folder(project: Path) -> None:
    house = project / "house"
    house.mkdir()
    (house / "pack.yml").write_text(
        "id: house\nname: 本单位\ninclude: [../../outside/secret.yaml]\n", encoding="utf-8"
    )
    code, output = _check(project, "extra_packs: [house]\n")
    assert code == 2 and "TOPSECRET" not in output
    assert "house/pack.yml:3:1: include 只能包含本项目或内置规则包内的文件" in output
    (house / "pack.yml").write_text("id: house\nname: 本单位\nextends: /etc/passwd\n")
    code, output = _check(project, "extra_packs: [house]\n")
    assert code == 2 and "root:" not in output
    assert "house/pack.yml:3:1: extends 只能指向内置规则包或本项目内的规则包" in output


def test_inside_the_project_still_works(project: Path) -> None:
    (project / "base.yaml").write_text("ignore: [fazhi-not-fazhi]\n", encoding="utf-8")
    house = project / "house"
    house.mkdir()
    (house / "pack.yml").write_text(
        "id: house\nname: 本单位\nextends: fazhi-annual\ninclude: [more.yml]\n", encoding="utf-8"
    )
    (house / "more.yml").write_text("rules: []\n", encoding="utf-8")
    code, output = _check(project, "extends: base.yaml\npacks: [house]\n")
    assert code == 1, output  # checked with the house pack (the built-in rules it extends)
    assert "[required-section-missing]" in output and "[fazhi-not-fazhi]" not in output
