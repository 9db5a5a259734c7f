#!/usr/bin/env bash
# `pm timeline add` on a 50 KB post-mortem of 500 entries: median wall time next to a plain
# shell append (`sh -c 'echo … >> F2'`) in the same run, alternating, and pm's peak memory.
# Every run starts from the same 50 KB text (restored between runs, outside the timing), so the
# figures do not drift as the file grows. PM_NOW puts the new entry last, as during an incident.
# Usage: benches/timeline.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
cargo build --release --quiet
pm=$PWD/target/release/pm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/wiki/postmortems"
git -C "$work/wiki" init -q -b main
python3 - "$pm" "$runs" "$work/wiki" <<'PY'
import os, shutil, statistics, subprocess, sys, time

pm, runs, wiki = sys.argv[1], int(sys.argv[2]), sys.argv[3]
doc = os.path.join(wiki, "postmortems", "2026-11-20-checkout-outage.md")
plain = os.path.join(wiki, "append-only.md")

# A document in the shape `pm new` writes, with 500 timeline entries padded to about 50 KB.
words = ("checkout error rate p99 latency rollback deploy cache queue paged on-call db "
         "alert graph fixed").split()
head = """+++
title = "Checkout outage"
severity = "SEV2"
status = "draft"
started = 2026-11-20T08:00:00Z
review_by = 2026-11-27
lead = "Bench"
authors = ["Bench"]
services = ["checkout"]
tags = []
+++

# Checkout outage

## Summary

Checkout failed for a third of users for two hours.

## Impact and scope

30% of checkouts failed between 08:00 and 10:00 UTC.

## Timeline

<!-- One entry per line. -->

"""
tail = """
## Root cause

A cache key collision.

## Action items

- [ ] Alert on price mismatches — owner: @mary, ticket: SHOP-123, due: 2026-12-04
"""
entries = []
for i in range(500):
    second = 8 * 3600 + i * 20
    stamp = f"2026-11-20 {second // 3600:02}:{second % 3600 // 60:02}:{second % 60:02} UTC"
    text = " ".join(words[(i + k) % len(words)] for k in range(9))
    entries.append(f"- {stamp} — {text} (responder {i % 7})")
body = "\n".join(entries) + "\n"
pad = 50 * 1024 - len((head + body + tail).encode())
if pad > 0:  # stretch the entries evenly to reach 50 KB
    extra = pad // 500 + 1
    entries = [e[:-1] + " " + "x" * (extra - 1) + ")" for e in entries]
    body = "\n".join(entries) + "\n"
text = (head + body + tail).encode()
print(f"document: {len(text)} bytes, {len(entries)} entries")

env = dict(os.environ, PM_NOW="2026-11-20T14:05:00Z", NO_COLOR="1")
line = "Rolled back checkout to v2.3.0 after the error rate hit 5%"
add = [pm, "--wiki", wiki, "timeline", "add", "--doc", doc, "--author", "bench", line]
echo = ["sh", "-c", f"echo '- 2026-11-20 14:05 UTC — {line} (bench)' >> '{plain}'"]

def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000

pm_ms, sh_ms = [], []
for i in range(runs):
    for path in (doc, plain):
        with open(path, "wb") as f:
            f.write(text)
    # Alternate which goes first, so neither always runs on a warmer cache.
    if i % 2 == 0:
        pm_ms.append(timed(add)); sh_ms.append(timed(echo))
    else:
        sh_ms.append(timed(echo)); pm_ms.append(timed(add))
with open(doc, "rb") as f:
    assert f.read().count(line.encode()) == 1, "pm did not add the entry"

def report(name, ms):
    ms = sorted(ms)
    print(f"{name:<42} median {statistics.median(ms):6.2f} ms, p90 {ms[int(len(ms) * 0.9)]:6.2f} ms "
          f"over {len(ms)} runs")

report("pm timeline add (50 KB, 500 entries):", pm_ms)
report("sh -c 'echo … >> F2':", sh_ms)

# Where pm's time goes: starting the binary at all, and the durable replace every write needs
# (temp file, fsync, rename, fsync of the folder), done here in-process so no start-up counts.
start_ms = [timed([pm, "--version"]) for _ in range(runs)]
report("pm --version (process start-up):", start_ms)
def durable_replace():
    start = time.perf_counter()
    tmp = doc + ".bench-tmp"
    with open(tmp, "wb") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, doc)
    folder = os.open(os.path.dirname(doc), os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)
    return (time.perf_counter() - start) * 1000
report("write+fsync+rename+fsync dir (in-process):", [durable_replace() for _ in range(runs)])

# Peak memory of one `pm timeline add`, in a fresh process tree so nothing else counts.
with open(doc, "wb") as f:
    f.write(text)
if shutil.which("/usr/bin/time"):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + add, env=env, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    kib, how = int(out.stderr.strip().splitlines()[-1]), "/usr/bin/time -f %M"
else:
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe] + add, env=env, check=True,
                         stdout=subprocess.PIPE, text=True)
    kib, how = int(out.stdout.strip()), "getrusage(RUSAGE_CHILDREN)"
print(f"pm timeline add peak memory: {kib / 1024:.1f} MiB ({kib} KiB, {how})")
PY
