#!/usr/bin/env bash
# Median wall time of `pm new --no-input` in an empty wiki and in one of 10,000 documents.
# Usage: benches/new.sh [RUNS]   (needs ../shared/tools/make_wiki.py and its corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
cargo build --release --quiet
pm=$PWD/target/release/pm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/make_wiki.py "$work/big" -n 10000 >/dev/null
mkdir -p "$work/empty"
git -C "$work/big" init -q && git -C "$work/empty" init -q
python3 - "$pm" "$runs" "$work/empty" "$work/big" <<'PY'
import os, statistics, subprocess, sys, time
pm, runs, wikis = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
env = dict(os.environ, PM_NOW="2026-11-20T14:05:00Z")
for wiki in wikis:
    docs = sum(len(f) for _, _, f in os.walk(os.path.join(wiki, "postmortems")))
    times = []
    for i in range(runs):
        start = time.perf_counter()
        subprocess.run([pm, "--wiki", wiki, "new", "--no-input", "-s", "SEV2", "--lead", "Bench",
                        f"Checkout outage {i % 10}"], check=True, env=env, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    print(f"pm new in a wiki of {docs:>5} documents: median {statistics.median(times):.2f} ms, "
          f"p90 {sorted(times)[int(runs * 0.9)]:.2f} ms over {runs} runs")
PY
