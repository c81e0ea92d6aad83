"""The tables of docs/performance.md from bench.py's results: targets, verdicts, markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import bench_peers

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "throughput_mb_s_per_core": 10.0,
    "cold_start_ratio": 1.5,
    "version_ratio": 2.0,
    "warm_relint_ms": 10.0,
    "lsp_first_diagnostics_s": 1.0,
    "corpus_rss_mb": 100.0,
    "linearity_ratio": 1.5,
    "speedup_j2": 1.8,
}
DEPS = "python -c 'import yaml, regex'"
CHECK_SEED = "lintreport check --format json SEED"
VERSION = "lintreport --version"


@dataclass
class Results:
    machine: dict[str, str] = field(default_factory=dict)
    cold_start_s: dict[str, float] = field(default_factory=dict)
    corpus: dict[str, float] = field(default_factory=dict)
    warm_relint_ms: float = 0.0
    lsp_first_diagnostics_s: float = 0.0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    per_mb_s: dict[str, float] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)  # size label -> cProfile top
    rule_ms_per_mb: dict[str, float] = field(default_factory=dict)
    peers: bench_peers.PeerResults | None = None


def verdicts(res: Results) -> list[tuple[str, str, str, str]]:
    rows = []
    c = res.cold_start_s
    if c:
        ratio = c[CHECK_SEED] / c[DEPS]
        rows.append((f"`{CHECK_SEED}` / `{DEPS}`", f"{ratio:.2f}x", "≤ 1.5x", ok(ratio <= 1.5)))
        ratio = c[VERSION] / c["python -c pass"]
        rows.append((f"`{VERSION}` / `python -c pass`", f"{ratio:.2f}x", "≤ 2x", ok(ratio <= 2)))
    if res.corpus:
        mbs = res.corpus["mb"] / res.corpus["j1_cpu_s"]
        rows.append(("MB per CPU-second (-j 1)", f"{mbs:.2f}", "≥ 10", ok(mbs >= 10)))
        sp = res.corpus["speedup_j2"]
        rows.append(("speed-up -j 2 on 2 cores", f"{sp:.2f}x", "≥ 1.8x", ok(sp >= 1.8)))
        peak = max(v for k, v in res.peak_rss_mb.items() if k.startswith("corpus"))
        rows.append(("peak RSS, corpus run", f"{peak:.0f} MB", "< 100 MB", ok(peak < 100)))
    if res.warm_relint_ms:
        w = res.warm_relint_ms
        rows.append(("warm re-lint, 15 KB", f"{w:.1f} ms", "≤ 10 ms", ok(w <= 10)))
    if res.lsp_first_diagnostics_s:
        d = res.lsp_first_diagnostics_s
        rows.append(
            ("language server: start to first diagnostics", f"{d:.2f} s", "≤ 1 s", ok(d <= 1))
        )
    without_1kb = [v for k, v in res.per_mb_s.items() if k != "1 KB"]
    if len(without_1kb) > 1:
        ratio = max(without_1kb) / min(without_1kb)
        rows.append(
            (
                "per-MB time, max / min, 10 KB .. 10 MB",
                f"{ratio:.2f}x",
                "(≤ 1.5x)",
                ok(ratio <= 1.5),
            )
        )
    if len(res.per_mb_s) > 1:
        ratio = max(res.per_mb_s.values()) / min(res.per_mb_s.values())
        rows.append(
            ("per-MB time, max / min over sizes", f"{ratio:.2f}x", "≤ 1.5x", ok(ratio <= 1.5))
        )
    return rows


def ok(flag: bool) -> str:
    return "met" if flag else "NOT met"


def markdown(res: Results) -> str:
    out = ["### Machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in res.machine.items()]
    out += ["", "### Targets", "", "| figure | today | target | |", "|---|---|---|---|"]
    out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in verdicts(res)]
    if res.cold_start_s:
        out += ["", "### Cold start (median wall time)", "", "| command | ms |", "|---|---|"]
        out += [f"| `{k}` | {v * 1000:.0f} |" for k, v in res.cold_start_s.items()]
    if res.corpus:
        c = res.corpus
        out += [
            "",
            f"### Corpus: {c['files']:.0f} generated reports, {c['mb']:.1f} MB",
            "",
            "| | -j 1 | -j 2 |",
            "|---|---|---|",
            f"| wall time (s) | {c['j1_s']:.2f} | {c['j2_s']:.2f} |",
            f"| MB/s | {c['mb'] / c['j1_s']:.2f} | {c['mb'] / c['j2_s']:.2f} |",
            f"| documents/s | {c['files'] / c['j1_s']:.0f} | {c['files'] / c['j2_s']:.0f} |",
            f"| CPU time, all processes (s) | {c['j1_cpu_s']:.2f} | {c['j2_cpu_s']:.2f} |",
            f"| MB per CPU-second | {c['mb'] / c['j1_cpu_s']:.2f} | "
            f"{c['mb'] / c['j2_cpu_s']:.2f} |",
        ]
    if res.warm_relint_ms:
        out += ["", f"Warm re-lint of a 15 KB report (packs loaded): {res.warm_relint_ms:.1f} ms"]
    if res.lsp_first_diagnostics_s:
        out += [
            "",
            "Language server, from `lintreport lsp` starting to the first diagnostics of a seed: "
            f"{res.lsp_first_diagnostics_s:.2f} s",
        ]
    if res.per_mb_s:
        out += [
            "",
            "### Linearity (one document, in process)",
            "",
            "| size | s per MB |",
            "|---|---|",
        ]
        out += [f"| {k} | {v:.3f} |" for k, v in res.per_mb_s.items()]
    if res.peak_rss_mb:
        out += ["", "### Peak memory (max RSS)", "", "| run | MB |", "|---|---|"]
        out += [f"| {k} | {v:.0f} |" for k, v in res.peak_rss_mb.items()]
    if res.rule_ms_per_mb:
        out += ["", "### Cost per rule (1 MB report, ms per MB, most expensive first)", ""]
        out += ["| rule | ms/MB |", "|---|---|"]
        out += [f"| {k} | {v:.1f} |" for k, v in res.rule_ms_per_mb.items()]
    if res.peers is not None:
        out += bench_peers.markdown(res.peers)
    for label, text in res.profiles.items():
        out += ["", f"### Profile: one {label} document (cProfile, by own time)", "", "```"]
        out += [text, "```"]
    return "\n".join(out) + "\n"


DOC = ROOT / "docs" / "performance.md"


def update_docs(table: str, doc: Path) -> None:
    """Put the results and the profiles of `table` between the bench: markers of `doc`."""
    split = table.index("### Profile:") if "### Profile:" in table else len(table)
    parts = {
        "results": table[:split].rstrip().replace("### ", "#### "),
        "profiles": table[split:].rstrip().replace("### ", "#### "),
    }
    text = doc.read_text(encoding="utf-8")
    for name, body in parts.items():
        start = text.index(f"<!-- bench:{name}:start")
        start = text.index("-->", start) + len("-->")
        end = text.index(f"<!-- bench:{name}:end -->")
        text = text[:start] + "\n" + body + "\n" + text[end:]
    doc.write_text(text, encoding="utf-8")
