"""--previous: last year's report, for the carried-over applications (Y-1) and copied text."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from .conftest import run_cli
from .xxgk_tables import PINGTAN_2022, PINGTAN_2022_T4, table3, table4, write_markdown


def _report(tmp_path: Path, name: str, year: int, values: dict) -> Path:
    path = write_markdown(table3(values), table4(PINGTAN_2022_T4), tmp_path / name)
    text = path.read_text(encoding="utf-8").replace("淮安市人民政府2024年", f"某区{year}年")
    path.write_text(text.replace("2024年，", f"{year}年，"), encoding="utf-8")
    return path


def _findings(*args: str, cwd: Path | None = None) -> tuple[int, list[dict]]:
    proc = run_cli(
        "check", "--format", "json", "--select", "xxgk-table3-carried-over", *args, cwd=cwd
    )
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout) if proc.stdout.startswith("{") else {"violations": []}
    return proc.returncode, data["violations"]


def test_carried_over_this_year_must_equal_carried_forward_last_year(tmp_path):
    last = copy.deepcopy(PINGTAN_2022)
    last["四"] = [2, 0, 0, 0, 0, 0, 2]  # last year carried 2 forward; this year says 1
    _report(tmp_path, "2022.md", 2022, last)
    now = _report(tmp_path, "2023.md", 2023, PINGTAN_2022)
    _, found = _findings(str(now), "--previous", str(tmp_path / "2022.md"))
    assert [v["message"].split("：")[1].split("，两者")[0] for v in found] == [
        "第二项 = 1，上年报告第四项 = 2",
        "第二项 = 1，上年报告第四项 = 2",
    ]
    assert [v["message"].split("“")[1].split("”")[0] for v in found] == ["自然人", "总计"]
    # without last year's report nothing is compared
    assert _findings(str(now))[1] == []
    # the configuration's `previous`, relative to the configuration file
    (tmp_path / ".lintreport.yaml").write_text("previous: 2022.md\n", encoding="utf-8")
    assert len(_findings("2023.md", cwd=tmp_path)[1]) == 2


def test_last_years_report_of_another_year_is_said_once_and_not_compared(tmp_path):
    _report(tmp_path, "2021.md", 2021, PINGTAN_2022)
    now = _report(tmp_path, "2023.md", 2023, PINGTAN_2022)
    _, found = _findings(str(now), "--previous", str(tmp_path / "2021.md"))
    assert [(v["severity"], v["message"]) for v in found] == [
        ("info", "上年报告是2021年度的，不是2022年度的，未与之比较表三。")
    ]


def test_an_unreadable_previous_report_is_a_one_line_error(tmp_path):
    now = _report(tmp_path, "2023.md", 2023, PINGTAN_2022)
    proc = run_cli("check", str(now), "--previous", str(tmp_path / "missing.md"))
    assert proc.returncode == 2 and "Traceback" not in proc.stdout + proc.stderr
    assert "上年报告无法读取：文件不存在" in proc.stdout


def test_a_report_copied_from_last_year_is_reported_once(tmp_path):
    body = (
        "一、总体情况\n{y}年，我局认真贯彻落实政府信息公开条例各项规定，扎实推进政务公开。\n"
        "全年持续完善信息发布审核机制和保密审查机制，确保信息安全。\n"
        "不断加强政府网站和政务新媒体的建设管理，提升服务水平。\n"
    )
    last = tmp_path / "2023.txt"
    last.write_text("某局2023年政府信息公开工作年度报告\n" + body.format(y=2023), encoding="utf-8")
    now = tmp_path / "2024.txt"
    now.write_text("某局2024年政府信息公开工作年度报告\n" + body.format(y=2024), encoding="utf-8")
    proc = run_cli(
        "check", "--format", "json", "--select", "xxgk-copied-from-last-year", str(now),
        "--previous", str(last),
    )  # fmt: skip
    [finding] = json.loads(proc.stdout)["violations"]
    assert finding["message"].startswith("本报告有3句（共3句的100%）与上年报告相同")
    assert (finding["line"], finding["column"]) == (3, 1)
