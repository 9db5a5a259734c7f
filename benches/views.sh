#!/usr/bin/env bash
# Wall time and peak memory of `pm list` and `pm actions` over a generated wiki of 10,000
# documents. Usage: benches/views.sh [RUNS]   (needs ../shared/tools/make_wiki.py)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
cargo build --release --quiet
pm=$PWD/target/release/pm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/make_wiki.py "$work/wiki" -n 10000 >/dev/null
git -C "$work/wiki" init -q
python3 - "$pm" "$runs" "$work/wiki" <<'PY'
import os, resource, statistics, subprocess, sys, time
pm, runs, wiki = sys.argv[1], int(sys.argv[2]), sys.argv[3]
env = dict(os.environ, PM_NOW="2026-11-20T14:05:00Z")
for args in (["list"], ["actions"], ["actions", "--open", "--format", "csv"]):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([pm, "--wiki", wiki, *args], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pm {' '.join(args):<28} median {statistics.median(times) * 1000:6.0f} ms, "
          f"min {min(times) * 1000:6.0f} ms over {runs} runs; peak RSS so far {peak_mb:.0f} MB")
PY
