"""Measure lintreport's speed on this machine and print the table of docs/performance.md.

    python benchmarks/bench.py              # full run (a few minutes on 2 cores)
    python benchmarks/bench.py --quick      # smoke run: 200 files, fewer repetitions
    python benchmarks/bench.py --json out.json

Every figure is the median of several runs (timings on a shared machine are noisy; medians
resist the outliers). What is measured, and against which target (docs/performance.md):

- cold start: `lintreport check --format json SEED` as a user runs it, against
  `python -c "import yaml, regex"` (the dependencies it cannot do without); `lintreport
  --version` against `python -c pass`; `python -c "import lintreport"` for reference;
- throughput: `lintreport check -j 1 --format json CORPUS` (the generated 2,000 reports), in MB/s,
  documents/s and MB per CPU-second, and the speed-up of `-j 2`;
- warm re-lint: `Document.from_text` + `lint_document` of a 15 KB report in a process that has
  the packs loaded already, the way the language server re-lints on every change;
- language server: from starting `lintreport lsp` to the first diagnostics of an opened seed;
- peak memory (max RSS) of the corpus runs (-j 1, and the largest process of -j 2), of one seed
  and of the 10 MB document;
- linearity: time per MB for one document of 1 KB, 10 KB, 100 KB, 1 MB and 10 MB;
- a cProfile of the slowest case (per MB) of the linearity series;
- side by side (bench_peers.py): textlint + textlint-rule-prh and autocorrect-py on the same
  files, when installed (`sh benchmarks/install_peers.sh`), as ratios lintreport / peer.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_lsp  # noqa: E402  (sibling scripts, not a package)
import bench_peers  # noqa: E402
import make_corpus  # noqa: E402
from bench_report import CHECK_SEED, DEPS, DOC, VERSION, Results, markdown, update_docs  # noqa: E402

MB = 1024 * 1024
SIZES = (1024, 10 * 1024, 100 * 1024, MB, 10 * MB)
SIZE_LABELS = ("1 KB", "10 KB", "100 KB", "1 MB", "10 MB")


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "cpu": model,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "lintreport commit": commit or "unknown",
        "date (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }


_BURN = "x = 0\nfor i in range(15_000_000):\n    x += i\n"


def parallel_capacity(runs: int) -> float:
    """How many cores' worth of CPU two processes get right now: 2 busy loops vs 1.

    2.0 on an idle 2-core machine; near 1.0 when other work holds the second core, which is the
    ceiling for the `-j 2` speed-up measured at the same time.
    """

    def burn(copies: int) -> float:
        t = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(copies)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - t

    one = median_of(runs, lambda: burn(1))
    two = median_of(runs, lambda: burn(2))
    return 2 * one / two


def lintreport_exe() -> list[str]:
    exe = Path(sys.executable).parent / "lintreport"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("lintreport")
    return [found] if found else [sys.executable, "-m", "lintreport"]


def timed_run(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command; its output is discarded."""
    seconds, peak, _ = cpu_run(cmd, env)
    return seconds, peak


def cpu_run(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + sys, all processes) of a command.

    The command runs under a fresh Python wrapper so RUSAGE_CHILDREN holds only its own peak
    and CPU time (worker processes of -j included).
    """
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "t = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(t, r.ru_maxrss, r.ru_utime + r.ru_stime)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024, float(out[2])


def median_of(runs: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(runs))


def cold_start(res: Results, seed: Path, runs: int) -> None:
    py = sys.executable
    cases = {
        "python -c pass": [py, "-c", "pass"],
        VERSION: [*lintreport_exe(), "--version"],
        DEPS: [py, "-c", "import yaml, regex"],
        "python -c 'import lintreport'": [py, "-c", "import lintreport"],
        CHECK_SEED: [*lintreport_exe(), "check", "--format", "json", str(seed)],
    }
    # As installed by pip: with .pyc files. A PYTHONDONTWRITEBYTECODE=1 environment (as in our
    # sandboxes) would otherwise recompile every module from source on every run (+75 ms).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    no_cache = {**env, "LINTREPORT_NO_CACHE": "1"}
    for cmd in cases.values():  # warm the OS file cache, .pyc files and the pack cache first
        timed_run(cmd, env)
    for name, cmd in cases.items():
        res.cold_start_s[name] = median_of(runs, lambda cmd=cmd: timed_run(cmd, env)[0])
    seed_cmd = cases[CHECK_SEED]
    res.cold_start_s[f"{CHECK_SEED}, LINTREPORT_NO_CACHE=1"] = median_of(
        runs, lambda: timed_run(seed_cmd, no_cache)[0]
    )
    res.peak_rss_mb[CHECK_SEED] = timed_run(seed_cmd, env)[1]


def corpus_runs(res: Results, corpus: Path, runs: int) -> None:
    files = sorted(corpus.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    # --no-gitignore: the corpus lies in benchmarks/corpus, which the repository ignores
    base = [*lintreport_exe(), "check", "--no-gitignore", "--format", "json", str(corpus)]
    timings: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    rss: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):  # interleaved, so a burst of load on the machine hits both alike
        for jobs in (1, 2):
            seconds, peak, cpu_seconds = cpu_run([*base, "-j", str(jobs)])
            timings[jobs].append(seconds)
            cpu[jobs].append(cpu_seconds)
            rss[jobs].append(peak)
    t1, t2 = statistics.median(timings[1]), statistics.median(timings[2])
    res.machine["parallel capacity (2 busy loops vs 1)"] = f"{parallel_capacity(runs):.2f} cores"
    res.corpus = {
        "files": len(files),
        "mb": size / MB,
        "j1_s": t1,
        "j2_s": t2,
        "mb_s": size / MB / t1,
        "docs_s": len(files) / t1,
        "speedup_j2": t1 / t2,
        "j1_cpu_s": statistics.median(cpu[1]),
        "j2_cpu_s": statistics.median(cpu[2]),
    }
    res.peak_rss_mb[f"corpus ({len(files)} files), -j 1"] = max(rss[1])
    res.peak_rss_mb[f"corpus ({len(files)} files), -j 2 (largest process)"] = max(rss[2])


def synthetic_report(size: int, rng_seed: int = 7) -> str:
    """A prefix (cut at a line end) of one generated report of at least `size` UTF-8 bytes."""
    seeds = make_corpus.load_seeds()
    pool = [
        line for s in seeds for line in s.body if line.strip() and not make_corpus._is_heading(line)
    ]
    text = make_corpus.make_report(random.Random(rng_seed), seeds, pool, size + 4096)
    data = text.encode("utf-8")[:size]
    cut = data.rfind(b"\n")
    return data[: cut + 1 if cut > 0 else len(data)].decode("utf-8", errors="ignore")


def in_process(res: Results, runs: int, profile: bool, max_size: int) -> None:
    from lintreport.document.document import Document
    from lintreport.pack import load_packs
    from lintreport.pack.locate import builtin_packs
    from lintreport.run.runner import lint_document, select_rules

    packs = load_packs(builtin_packs())  # what a default run and the language server load
    rules = select_rules(packs)

    def lint(text: str, path: str = "draft.txt") -> None:
        lint_document(Document.from_text(text, path), rules, packs)

    # Warm re-lint, as the language server does it on every change of a 15 KB buffer.
    text15 = synthetic_report(15 * 1024, rng_seed=15)
    lint(text15)

    def once() -> float:
        t = time.perf_counter()
        lint(text15)
        return time.perf_counter() - t

    res.warm_relint_ms = median_of(max(15, runs * 5), once) * 1000

    # Linearity: per-MB time for one document of each size (repeat small ones for resolution).
    texts = {}
    for size, label in zip(SIZES, SIZE_LABELS, strict=True):
        if size > max_size:
            continue
        text = synthetic_report(size)
        texts[label] = text
        reps = max(1, (2 * MB) // max(size, 1))

        def batch(text: str = text, reps: int = reps) -> float:
            t = time.perf_counter()
            for _ in range(reps):
                lint(text)
            return (time.perf_counter() - t) / reps

        mb = len(text.encode("utf-8")) / MB
        res.per_mb_s[label] = median_of(runs if size < 10 * MB else max(1, runs // 2), batch) / mb
    if profile and res.per_mb_s:
        # the slowest case per MB, and the typical report size (the corpus averages ~13 KB)
        slowest = max(res.per_mb_s, key=res.per_mb_s.__getitem__)
        for label in dict.fromkeys((slowest, "10 KB")):
            if label in texts:
                res.profiles[label] = profile_of(lambda text=texts[label]: lint(text), texts[label])


def profile_of(work: Callable[[], None], text: str, top: int = 15) -> str:
    """cProfile of `work` repeated over ~2 MB of text: the top functions by own time."""
    prof = cProfile.Profile()
    reps = max(1, (2 * MB) // max(len(text.encode("utf-8")), 1))
    prof.enable()
    for _ in range(reps):
        work()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def rule_costs(res: Results, runs: int, top: int = 12) -> None:
    """Milliseconds per MB of each rule (and of building the document) on a 1 MB report."""
    from lintreport.document.document import Document
    from lintreport.pack import load_packs
    from lintreport.pack.locate import builtin_packs
    from lintreport.run.runner import select_rules

    packs = load_packs(builtin_packs())
    text = synthetic_report(MB)
    mb = len(text.encode("utf-8")) / MB

    def build() -> float:
        t = time.perf_counter()
        doc = Document.from_text(text, "draft.txt")
        doc.structure, doc.metadata  # noqa: B018  (computed lazily: force them)
        return time.perf_counter() - t

    costs = {"(document: decode, lines, structure, metadata)": median_of(runs, build)}
    doc = Document.from_text(text, "draft.txt")
    doc.structure, doc.metadata  # noqa: B018
    for rule in select_rules(packs):

        def one(rule=rule) -> float:
            # Each rule pays for the views it shares with others (doc.memo, e.g. citations), as
            # if it ran alone; "(all rules)" therefore counts a shared view once per user.
            doc._memo.clear()
            t = time.perf_counter()
            for _ in rule.check.run(doc):
                pass
            return time.perf_counter() - t

        costs[rule.id] = median_of(runs, one)
    ranked = sorted(costs.items(), key=lambda kv: -kv[1])[:top]
    res.rule_ms_per_mb = {k: v * 1000 / mb for k, v in ranked}
    res.rule_ms_per_mb["(all rules)"] = sum(costs.values()) * 1000 / mb


def big_document_rss(res: Results, tmp: Path) -> None:
    path = tmp / "big-10mb.txt"
    path.write_text(synthetic_report(10 * MB), encoding="utf-8")
    _, peak = timed_run([*lintreport_exe(), "check", "--format", "json", str(path)])
    res.peak_rss_mb["one 10 MB document"] = peak


def main() -> None:
    parser = argparse.ArgumentParser(description="lintreport benchmarks (see module docstring)")
    parser.add_argument("--quick", action="store_true", help="200 files, fewer runs, up to 1 MB")
    parser.add_argument("--runs", type=int, help="repetitions per figure (default 5; quick 3)")
    parser.add_argument("--corpus", type=Path, default=make_corpus.DEFAULT_OUT)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--update-docs",
        action="store_true",
        help="rewrite the tables between the bench: markers of docs/performance.md",
    )
    parser.add_argument(
        "--only",
        choices=("cold", "corpus", "inprocess", "lsp", "memory", "peers"),
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    count = 200 if args.quick else make_corpus.DEFAULT_COUNT
    parts = set(args.only or ("cold", "corpus", "inprocess", "lsp", "memory", "peers"))

    res = Results(machine=machine())
    corpus = args.corpus
    if args.quick:
        corpus = corpus.with_name(corpus.name + "-quick")
    if parts & {"corpus", "peers"} and len(list(corpus.glob("*.txt"))) != count:
        total = make_corpus.DEFAULT_TOTAL_BYTES * count // make_corpus.DEFAULT_COUNT
        make_corpus.build(corpus, count, total, seed=20231231)
    seed = sorted(make_corpus.SEEDS_DIR.glob("*.txt"))[0]
    step = lambda what: print(f"[bench] {what}…", file=sys.stderr, flush=True)  # noqa: E731
    if "cold" in parts:
        step("cold start")
        cold_start(res, seed, max(runs, 7))
    if "corpus" in parts:
        step(f"corpus ({count} files, -j 1 and -j 2)")
        corpus_runs(res, corpus, runs)
    if "inprocess" in parts:
        step("warm re-lint, linearity, profile")
        in_process(res, runs, profile=True, max_size=MB if args.quick else 10 * MB)
        step("cost per rule")
        rule_costs(res, runs)
    if "lsp" in parts:
        step("language server: start to first diagnostics")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        try:
            bench_lsp.first_diagnostics(lintreport_exe(), seed, env)  # warm .pyc and pack cache
            res.lsp_first_diagnostics_s = median_of(
                max(runs, 5), lambda: bench_lsp.first_diagnostics(lintreport_exe(), seed, env)[0]
            )
        except RuntimeError as exc:  # e.g. pygls not installed: the other figures still count
            print(f"[bench] language server skipped: {exc}", file=sys.stderr)
    if "peers" in parts:
        step(f"side by side with textlint + prh and autocorrect-py ({count} files)")
        res.peers = bench_peers.side_by_side(corpus, seed, runs, lintreport_exe(), cpu_run)
    if "memory" in parts and not args.quick:
        step("peak memory of a 10 MB document")
        with tempfile.TemporaryDirectory() as tmp:
            big_document_rss(res, Path(tmp))
    print(markdown(res))
    if args.update_docs:
        update_docs(markdown(res), DOC)
        print(f"[bench] updated {DOC.relative_to(ROOT)}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(asdict(res), ensure_ascii=False, indent=2), "utf-8")


if __name__ == "__main__":
    main()
