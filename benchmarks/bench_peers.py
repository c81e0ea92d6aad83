"""Side by side: lintreport against textlint + textlint-rule-prh and autocorrect-py.

Run by `python benchmarks/bench.py --only peers`; the peers are installed by
`sh benchmarks/install_peers.sh` into benchmarks/.peers/ (git-ignored), or found by:

- LINTREPORT_BENCH_TEXTLINT: a textlint executable, or a directory holding node_modules (an
  `npm install --prefix` directory) or a node_modules directory itself, with textlint-rule-prh;
- LINTREPORT_BENCH_AUTOCORRECT: a directory to put on PYTHONPATH (a `pip install --target`
  directory) holding autocorrect_py; without it, benchmarks/.peers/python, then the running
  interpreter's own packages.

A peer that is not found is skipped with a one-line note. The comparison is stated in the
output: the same files, one process each (lintreport with -j 1), JSON output to /dev/null, the
tools run in turn within each repetition (the order reversed every other repetition), and the
ratios lintreport / peer taken per repetition and then their median. Every tool reads warm files
(a first unmeasured run each); lintreport's pack cache is warm, as after a user's first run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
INSTALL = "sh benchmarks/install_peers.sh"
TEXTLINT_CONFIG = HERE / "peers" / "textlintrc.json"
AUTOCORRECT_DRIVER = HERE / "peers" / "autocorrect_lint.py"
PRH_SUBSTITUTIONS = 10  # benchmarks/peers/prh.yml

# cpu_run of bench.py: (command, environment) -> (wall seconds, peak RSS MB, CPU seconds)
Timer = Callable[[Sequence[str], dict[str, str] | None], tuple[float, float, float]]


@dataclass
class Tool:
    name: str
    what: str  # what it checks, for the stated comparison
    command: list[str]  # followed by the paths to lint
    env: dict[str, str]
    count: Callable[[str], int]  # findings in its output


@dataclass
class PeerResults:
    tools: dict[str, str] = field(default_factory=dict)  # name -> what it runs
    notes: list[str] = field(default_factory=list)  # skipped peers, and why
    runs: int = 0
    # rows: scenario, tool, files, wall_s, cpu_s, findings, wall_ratio, cpu_ratio (vs lintreport)
    rows: list[dict[str, Any]] = field(default_factory=list)


def _python_env(extra_path: Path | None = None) -> dict[str, str]:
    # As installed by pip, with .pyc files (our sandboxes set PYTHONDONTWRITEBYTECODE=1).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    return env


def find_textlint(notes: list[str]) -> Tool | None:
    given = os.environ.get("LINTREPORT_BENCH_TEXTLINT")
    where = Path(given) if given else PEERS / "node"
    if where.is_file():  # .../node_modules/.bin/textlint
        modules, exe = where.resolve().parent.parent, where
    else:
        modules = where / "node_modules" if (where / "node_modules").is_dir() else where
        exe = modules / ".bin" / "textlint"
    if not exe.is_file() or not (modules / "textlint-rule-prh").is_dir():
        source = "LINTREPORT_BENCH_TEXTLINT" if given else "benchmarks/.peers/node"
        notes.append(
            f"textlint + textlint-rule-prh skipped: not found in {where} ({source}); "
            f"install: {INSTALL}, or point LINTREPORT_BENCH_TEXTLINT at a textlint executable"
        )
        return None
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
    # --rules-base-directory must be absolute: textlint resolves a relative one elsewhere and then
    # runs no rule at all, silently.
    return Tool(
        name="textlint + prh",
        what=f"textlint {version.strip()} with textlint-rule-prh: {PRH_SUBSTITUTIONS} "
        "substitutions (benchmarks/peers/prh.yml), `-f json`",
        command=[str(exe), "--config", str(TEXTLINT_CONFIG), "--rules-base-directory",
                 str(modules.resolve()), "--format", "json"],
        env=dict(os.environ),
        count=lambda out: sum(len(f["messages"]) for f in json.loads(out)),
    )  # fmt: skip


def find_autocorrect(notes: list[str]) -> Tool | None:
    given = os.environ.get("LINTREPORT_BENCH_AUTOCORRECT")
    candidates = [Path(given)] if given else [PEERS / "python", None]
    probe = "import importlib.metadata as m, autocorrect_py; print(m.version('autocorrect-py'))"
    for path in candidates:
        if path is not None and not path.is_dir():
            continue
        env = _python_env(path)
        proc = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env
        )
        if proc.returncode == 0:
            return Tool(
                name="autocorrect-py",
                what=f"autocorrect-py {proc.stdout.strip()}: its built-in rules (spacing and "
                "punctuation between CJK and Latin text), `lint_for` per file via "
                "benchmarks/peers/autocorrect_lint.py",
                command=[sys.executable, str(AUTOCORRECT_DRIVER)],
                env=env,
                count=lambda out: out.count("\n"),
            )
    where = given or "benchmarks/.peers/python nor this interpreter"
    notes.append(
        f"autocorrect-py skipped: not importable from {where}; install: {INSTALL}, or "
        "point LINTREPORT_BENCH_AUTOCORRECT at a `pip install --target` directory"
    )
    return None


def lintreport_tool(exe: list[str]) -> Tool:
    from lintreport.pack import builtin_packs, load_packs
    from lintreport.run.runner import select_rules

    names = builtin_packs()
    rules = len(select_rules(load_packs(names)))
    return Tool(
        name="lintreport",
        what=f"lintreport: {rules} rules of the built-in packs ({', '.join(names)}; each document "
        "gets the rules of its report type), `check -j 1 --no-gitignore --format json`",
        command=[*exe, "check", "-j", "1", "--no-gitignore", "--format", "json"],
        env=_python_env(),
        count=lambda out: len(json.loads(out)["violations"]),
    )


def side_by_side(
    corpus: Path, seed: Path, runs: int, lintreport_exe: list[str], timer: Timer
) -> PeerResults:
    res = PeerResults(runs=runs)
    peers = [p for p in (find_textlint(res.notes), find_autocorrect(res.notes)) if p is not None]
    for note in res.notes:
        print(f"[bench] {note}", file=sys.stderr)
    if not peers:
        return res
    ours = lintreport_tool(lintreport_exe)
    tools = [ours, *peers]
    res.tools = {t.name: t.what for t in tools}
    files = sorted(corpus.glob("*.txt"))
    scenarios = {
        "one report (a seed), cold": [str(seed)],
        f"{len(files) // 5:,} reports": [str(f) for f in files[: len(files) // 5]],
        f"{len(files):,} reports (the corpus directory)": [str(corpus)],
    }
    for label, paths in scenarios.items():
        findings = {}
        for tool in tools:  # warms the files and caches; counts what each tool reports
            out = subprocess.run(
                [*tool.command, *paths], capture_output=True, text=True, env=tool.env
            )
            findings[tool.name] = tool.count(out.stdout)
        wall: dict[str, list[float]] = {t.name: [] for t in tools}
        cpu: dict[str, list[float]] = {t.name: [] for t in tools}
        for rep in range(runs):
            # Alternated: the order flips every repetition, so drift in the machine's load
            # weighs on every tool alike.
            for tool in tools if rep % 2 == 0 else tools[::-1]:
                seconds, _, cpu_seconds = timer([*tool.command, *paths], tool.env)
                wall[tool.name].append(seconds)
                cpu[tool.name].append(cpu_seconds)
        for tool in tools:
            row = {
                "scenario": label,
                "tool": tool.name,
                "wall_s": statistics.median(wall[tool.name]),
                "cpu_s": statistics.median(cpu[tool.name]),
                "findings": findings[tool.name],
            }
            if tool is not ours:  # per repetition, then the median: ratios of adjacent runs
                row["wall_ratio"] = statistics.median(
                    a / b for a, b in zip(wall[ours.name], wall[tool.name], strict=True)
                )
                row["cpu_ratio"] = statistics.median(
                    a / b for a, b in zip(cpu[ours.name], cpu[tool.name], strict=True)
                )
            res.rows.append(row)
    return res


def markdown(res: PeerResults) -> list[str]:
    out = ["", "### Side by side with other linters (same files, same machine)", ""]
    out += [f"- {note}" for note in res.notes]
    if not res.rows:
        return out
    out += [f"- {what}" for what in res.tools.values()]
    out += [
        f"- one process each; repetitions: {res.runs}, the tools in turn (order reversed every "
        "other repetition); medians; ratio = lintreport / peer per repetition, then the median "
        "(below 1: lintreport is faster)",
        "",
        "| files | tool | wall (s) | CPU (s) | findings | lintreport / tool, wall | "
        "lintreport / tool, CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in res.rows:
        ratios = (
            f"{row['wall_ratio']:.2f}x | {row['cpu_ratio']:.2f}x" if "wall_ratio" in row else "| "
        )
        out.append(
            f"| {row['scenario']} | {row['tool']} | {row['wall_s']:.2f} | {row['cpu_s']:.2f} | "
            f"{row['findings']:,} | {ratios} |"
        )
    return out
