"""Output written file by file (policy and encoding in the workers) is the collected output.

Every streamed format, with every kind of policy a file can have: per-file ignores, comment
directives (one unused), an ignore file (one entry unused, reported under the ignore file's
own path), severity overrides and a baseline; `-j 1`, `-j 2` and `-j 3` must write the same
bytes, and (but jsonl, written in the order files finish) the same bytes as rendering the whole
collected result.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lintreport.cli import main
from lintreport.cli import options as cli_options

from .conftest import SEEDS, run_cli

STREAMED = ["json", "jsonl", "gcc", "github", "text"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("policy")
    for i, seed in enumerate(SEEDS * 2):
        target = root / f"d{i % 4}" / f"s{i:02d}_{seed.name}"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(seed.read_bytes())
    text = SEEDS[3].read_text(encoding="utf-8")
    (root / "d0" / "notes.md").write_text(
        "<!-- lintreport-disable halfwidth-punctuation -->\n"
        + text
        + "\n<!-- lintreport-disable-next-line fazhi-not-fazhi -->\n没有问题的一行。\n",
        encoding="utf-8",
    )
    (root / ".lintreport.yaml").write_text(
        "severity:\n  halfwidth-punctuation: info\n  wording: error\n"
        'per_file_ignores:\n  "d1/**": [machine-paraphrased-text, punctuation]\n',
        encoding="utf-8",
    )
    # every finding of one file becomes an ignore entry; one more entry matches nothing
    one = sorted((root / "d2").iterdir())[0].relative_to(root).as_posix()
    made = run_cli("check", "-j", "1", "--add-ignores", one, cwd=root)
    assert made.returncode == 0, made.stderr
    with (root / ".lintreport-ignore.yaml").open("a", encoding="utf-8") as f:
        f.write('  - rule: fazhi-not-fazhi\n    file: "**"\n    text: "从未出现的[[法制]]文字"\n')
        f.write('    reason: "stale"\n')
    made = run_cli("check", "-j", "1", "--write-baseline", "base.json", "d3", cwd=root)
    assert made.returncode == 0, made.stderr
    return root


class _Out(io.StringIO):
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


def _check(
    root: Path, fmt: str, jobs: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    out, err = _Out(), _Out()
    argv = ["check", "-j", jobs, "--format", fmt, "--statistics", "--baseline", "base.json", "."]
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_equals_collected_for_any_jobs(
    tree: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    streamed = [_check(tree, fmt, jobs, monkeypatch) for jobs in ("1", "2", "3")]
    monkeypatch.setattr(cli_options, "STREAMED", ())  # the collected path: render at the end
    collected = _check(tree, fmt, "1", monkeypatch)
    assert streamed[0] == streamed[1] == streamed[2]
    if fmt != "jsonl":  # jsonl writes files as they finish, and unused ignore entries last
        assert streamed[0] == collected
    code, out, err = collected
    assert code == 1
    assert "Traceback" not in err
    shown = out if fmt != "jsonl" else out + err
    # each kind of policy left its mark
    assert "unused-suppression" in shown and ".lintreport-ignore.yaml" in shown
    assert "notes.md" in shown
    assert "d1/" in shown
    if fmt == "text":
        assert "个问题已在基线中" in out and "个问题被抑制指令或忽略文件抑制" in out
