"""Measure the HTML report for 200 reports: its size, the time to make it, and to open it.

    python benchmarks/html_bench.py             # ~2 minutes on 2 cores; needs chromium
    python benchmarks/html_bench.py --runs 3 --json out.json

Targets (issue 16): the page for 200 reports is under 20 MB and opens in the browser in under
3 s. Two sets of 200 reports are measured:

- `corpus`: 200 generated reports of realistic size (benchmarks/make_corpus.py, the corpus of
  `bench.py --quick`: seeds' paragraphs recombined on their skeletons, ~13 KB each);
- `worst`: 200 copies of the seed with the most findings (~280 each), a pessimistic bound.

Opening is measured in Debian's chromium, headless, two ways, each the median of `--runs`:

- in the page: a copy of the page with a probe script first in <head> (the page's
  Content-Security-Policy removed from the copy so the probe may run) reports the time from
  navigation start to the first contentful paint (the browser draws the top of the page — the
  totals and the overview — while it still parses the rest), to DOMContentLoaded (file read, all
  HTML parsed, the page's own script run: filters and popups work) and to the end of the first
  style and layout after it; the target is judged on the last, the page fully usable;
- from outside: the wall time of `chromium --screenshot` of the real page, minus the same for
  a one-line page (browser start-up).

Timings are never asserted in a test (see docs/performance.md); this script prints them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402  (sibling scripts, not a package)
from bench import lintreport_exe, median_of  # noqa: E402

COUNT = 200
MB = 1024 * 1024
TARGET_MB = 20.0
TARGET_OPEN_S = 3.0

_PROBE = (
    "<script>document.addEventListener('DOMContentLoaded',function(){"
    "var ready=performance.now();document.documentElement.getBoundingClientRect();"
    "document.body.offsetHeight;var layout=performance.now();"
    "setTimeout(function(){var p=performance.getEntriesByName('first-contentful-paint')[0];"
    "document.title=JSON.stringify({ready:ready,layout:layout,paint:p?p.startTime:-1});},0);"
    "});</script>"
)


def chromium_exe() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("chromium is needed to measure opening the page: apt-get install chromium")
    return found


def chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp), "XDG_CACHE_HOME": str(tmp)}
    cmd = [
        chromium_exe(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={tmp / 'profile'}", "--window-size=1400,1000", *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=True)


def wall(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def in_page_times(page: Path, tmp: Path) -> dict[str, float]:
    """DOMContentLoaded and the first layout after it, in ms from navigation start."""
    source = page.read_text(encoding="utf-8")
    source = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source, count=1)
    probe = tmp / "probe.html"
    probe.write_text(source.replace("<head>", "<head>" + _PROBE, 1), encoding="utf-8")
    dom = chromium(["--dump-dom", probe.as_uri()], tmp).stdout
    found = re.search(r"<title>(\{.*?\})</title>", dom)
    if not found:
        raise SystemExit("the probe did not report: is the page's markup unexpected?")
    times = json.loads(found.group(1))
    return {"ready": times["ready"], "layout": times["layout"], "paint": times["paint"]}


def measure(name: str, inputs: Path, runs: int, tmp: Path) -> dict[str, float | str]:
    page = tmp / f"{name}.html"
    make = [*lintreport_exe(), "check", "-j", "2", "--format", "html", "-o", str(page), str(inputs)]
    generate = median_of(runs, lambda: wall(lambda: subprocess.run(make, capture_output=True)))
    summary_cmd = [*lintreport_exe(), "check", "-j", "2", "--format", "json", str(inputs)]
    summary = json.loads(subprocess.run(summary_cmd, capture_output=True, text=True).stdout)
    text_mb = sum(f.stat().st_size for f in inputs.glob("*.txt")) / MB
    probes = [in_page_times(page, tmp) for _ in range(runs)]
    blank = tmp / "blank.html"
    blank.write_text("<!DOCTYPE html><title>x</title><p>x</p>", encoding="utf-8")
    shot = str(tmp / "shot.png")

    def screenshot(target: Path) -> float:
        return wall(lambda: chromium([f"--screenshot={shot}", target.as_uri()], tmp))

    shots, blanks = [], []
    for _ in range(runs):  # interleaved, so a burst of load hits both alike
        shots.append(screenshot(page))
        blanks.append(screenshot(blank))
    return {
        "set": name,
        "reports": summary["summary"]["files"],
        "text MB": text_mb,
        "findings": summary["summary"]["violations"],
        "page MB": page.stat().st_size / MB,
        "make s": generate,
        "first paint s": statistics.median(p["paint"] for p in probes) / 1000,
        "DOMContentLoaded s": statistics.median(p["ready"] for p in probes) / 1000,
        "first layout s": statistics.median(p["layout"] for p in probes) / 1000,
        "screenshot - blank s": statistics.median(shots) - statistics.median(blanks),
        "blank page screenshot s": statistics.median(blanks),
    }


def worst_seed() -> Path:
    """The seed with the most findings: the page grows with findings, not with text."""
    counts = {}
    for seed in sorted(make_corpus.SEEDS_DIR.glob("*.txt")):
        out = subprocess.run(
            [*lintreport_exe(), "check", "--format", "json", str(seed)],
            capture_output=True,
            text=True,
        ).stdout
        counts[seed] = json.loads(out)["summary"]["violations"]
    return max(counts, key=lambda s: counts[s])


def markdown(rows: list[dict[str, float | str]], load: str) -> str:
    keys = list(rows[0])
    lines = [
        f"HTML report, {COUNT} reports (load average at start: {load})",
        "",
        "| " + " | ".join(keys) + " |",
        "|" + "---|" * len(keys),
    ]
    for row in rows:
        cells = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for row in rows:
        size_ok = float(row["page MB"]) < TARGET_MB
        open_ok = float(row["first layout s"]) < TARGET_OPEN_S
        lines.append(
            f"- {row['set']}: page {float(row['page MB']):.1f} MB "
            f"({'met' if size_ok else 'NOT met'}: < {TARGET_MB:.0f} MB), opened (first layout) "
            f"{float(row['first layout s']):.2f} s ({'met' if open_ok else 'NOT met'}: "
            f"< {TARGET_OPEN_S:.0f} s)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per figure (median)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    chromium_exe()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="lintreport-html-bench-") as name:
        tmp = Path(name)
        corpus = tmp / "corpus"
        total = make_corpus.DEFAULT_TOTAL_BYTES * COUNT // make_corpus.DEFAULT_COUNT
        make_corpus.build(corpus, COUNT, total, seed=20231231)
        worst = tmp / "worst"
        worst.mkdir()
        seed = worst_seed()
        for i in range(COUNT):
            shutil.copyfile(seed, worst / f"report_{i:03d}.txt")
        rows = [measure("corpus", corpus, args.runs, tmp), measure("worst", worst, args.runs, tmp)]
    print(markdown(rows, load))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
