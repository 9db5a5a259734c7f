#!/usr/bin/env bash
# `pm check` on a generated wiki of 10,000 documents (about 3.6 KB each): wall time and peak
# memory, next to markdownlint-cli2 on the same files in the same run, and `--changed-since`
# on a branch that touches one document.
# Usage: benches/check.sh [RUNS]   (needs ../shared/tools/make_wiki.py, npm for markdownlint-cli2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet
pm=$PWD/target/release/pm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/make_wiki.py "$work/wiki" -n 10000 >/dev/null
(
    cd "$work/wiki"
    git init -q -b main && git add -A
    git -c user.name=bench -c user.email=bench@example.com commit -qm wiki
    git checkout -qb change
    first=$(ls postmortems | sed -n 1p)
    echo "- one more line" >> "postmortems/$first"
    git -c user.name=bench -c user.email=bench@example.com commit -qam change
)
# markdownlint-cli2 in a tool folder of its own, so nothing lands in the repository.
npm install --silent --prefix "$work/npm" markdownlint-cli2@0.18 >/dev/null
mdl=$work/npm/node_modules/.bin/markdownlint-cli2
python3 - "$pm" "$runs" "$work/wiki" "$mdl" <<'PY'
import os, statistics, subprocess, sys, time
pm, runs, wiki, mdl = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
env = dict(os.environ, PM_NOW="2026-11-20T14:05:00Z")

def measure(name, argv, cwd, runs):
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], cwd=cwd, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - start)
        peaks.append(int(out.stderr.strip().splitlines()[-1]) / 1024)
    median = statistics.median(times)
    print(f"{name:<44} median {median * 1000:7.0f} ms   peak {max(peaks):6.0f} MB   ({runs} runs)")
    return median

ours = measure("pm check (10,000 documents)", [pm, "check", "--format", "json"], wiki, runs)
theirs = measure("markdownlint-cli2 (same files)", [mdl, "postmortems/**/*.md"], wiki, max(1, runs // 2))
print(f"pm check is {theirs / ours:.0f}x faster than markdownlint-cli2")
measure("pm check --changed-since main (1 document)", [pm, "check", "--changed-since", "main"], wiki, runs * 10)
PY
