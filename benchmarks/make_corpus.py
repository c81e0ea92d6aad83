"""Build a benchmark corpus of synthetic reports by recombining the paragraphs of the seeds.

Each generated report keeps the skeleton of one seed (its title block and its headings, so the
structure rules see a realistic document) and fills the body with paragraphs drawn from all
seeds, until it reaches a size drawn around the target mean. The RNG is seeded, so the same
arguments always give byte-identical files: timings on different days compare like with like.

    python benchmarks/make_corpus.py            # 2,000 reports, ~25 MB, in benchmarks/corpus/
    python benchmarks/make_corpus.py -n 200 --out /tmp/corpus

The corpus directory is git-ignored: commit the generator, never the data.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS_DIR = ROOT / "seeds"
DEFAULT_OUT = HERE / "corpus"
DEFAULT_COUNT = 2000
DEFAULT_TOTAL_BYTES = 25 * 1024 * 1024

# A line is kept in place (skeleton) if it looks like a heading: 一、 （一） 1. or a short line.
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])"
)
_YEAR = re.compile(r"20[12]\d")


@dataclass(frozen=True)
class Seed:
    name: str
    head: list[str]  # title block: everything before the first heading
    body: list[str]  # remaining lines, headings included


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line)) or (0 < len(line.strip()) <= 30)


def load_seeds(seeds_dir: Path = SEEDS_DIR) -> list[Seed]:
    seeds = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
        first = next(
            (i for i, line in enumerate(lines) if i > 2 and _HEADING.match(line)), len(lines)
        )
        seeds.append(Seed(path.stem, lines[:first], lines[first:]))
    return seeds


def make_report(rng: random.Random, seeds: list[Seed], pool: list[str], target: int) -> str:
    """One report of about `target` UTF-8 bytes built on a random seed's skeleton."""
    seed = rng.choice(seeds)
    year = str(rng.randint(2019, 2024))
    out = [_YEAR.sub(year, line, count=1) if i < 3 else line for i, line in enumerate(seed.head)]
    size = sum(len(line.encode()) + 1 for line in out)
    body = seed.body
    for line in body:
        if _is_heading(line) or not line.strip():
            out.append(line)
        else:
            out.append(rng.choice(pool))
        size += len(out[-1].encode()) + 1
    # Grow to the target by inserting pool paragraphs after random body lines (not the head).
    while size < target:
        para = rng.choice(pool)
        out.insert(rng.randint(len(seed.head) + 1, len(out)), para)
        size += len(para.encode()) + 1
    return "\n".join(out) + "\n"


def build(out: Path, count: int, total_bytes: int, seed: int) -> tuple[int, int]:
    """Write `count` reports to `out` (emptied first); returns (files, bytes)."""
    seeds = load_seeds()
    if not seeds:
        raise SystemExit(f"no seeds in {SEEDS_DIR}")
    pool = [line for s in seeds for line in s.body if line.strip() and not _is_heading(line)]
    rng = random.Random(seed)
    mean = total_bytes / count
    # Growing stops after the paragraph that crosses the target: aim half a paragraph lower.
    overshoot = sum(len(p.encode()) + 1 for p in pool) / len(pool) / 2
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = 0
    for i in range(count):
        target = int(rng.uniform(0.5, 1.5) * mean - overshoot)
        text = make_report(rng, seeds, pool, target)
        data = text.encode("utf-8")
        (out / f"report_{i:05d}.txt").write_bytes(data)
        written += len(data)
    return count, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--total-mb", type=float, default=DEFAULT_TOTAL_BYTES / 1024 / 1024)
    parser.add_argument("--seed", type=int, default=20231231)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    files, size = build(args.out, args.count, int(args.total_mb * 1024 * 1024), args.seed)
    print(f"{files} reports, {size / 1024 / 1024:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
