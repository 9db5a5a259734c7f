#!/usr/bin/env bash
# `pm publish --no-push` of one new document in a wiki of 10,000 (committed, its index page
# already generated), next to `git add F && git commit` of one new file in the same wiki, in the
# same run, alternating: medians and their ratio (target: pm at most 1.5 times git).
# Usage: benches/publish.sh [RUNS]   (needs ../shared/tools/make_wiki.py and its corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release --quiet
pm=$PWD/target/release/pm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A home of its own: no user config (hooks, fsmonitor, signing) skews either side.
mkdir -p "$work/home"
printf '[user]\n\tname = Bench\n\temail = bench@example.com\n[commit]\n\tgpgSign = false\n[gc]\n\tauto = 0\n' \
    >"$work/home/.gitconfig"
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config GIT_CONFIG_NOSYSTEM=1
export PM_NOW=2026-11-20T14:05:00Z TZ=UTC NO_COLOR=1
python3 ../shared/tools/make_wiki.py "$work/wiki" -n 10000 >/dev/null
(
    cd "$work/wiki"
    git init -q -b main && git add -A && git commit -qm wiki
    # The index page, generated once over every document (as the team's first publish did).
    doc=$("$pm" new --no-input -s SEV2 "Index seed")
    "$pm" publish --no-push "$doc" 2>/dev/null
    git gc -q
)
python3 - "$pm" "$runs" "$work/wiki" <<'PY'
import os, statistics, subprocess, sys, time
pm, runs, wiki = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = sum(1 for f in os.listdir(os.path.join(wiki, "postmortems"))
           if f.endswith(".md") and f != "README.md")
rows = sum(1 for l in open(os.path.join(wiki, "postmortems", "README.md")) if l.startswith("| 2"))
quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=wiki)

def pm_once(i):
    doc = subprocess.run([pm, "new", "--no-input", "-s", "SEV2", f"Bench outage {i}"],
                         check=True, cwd=wiki, capture_output=True, text=True).stdout.strip()
    start = time.perf_counter()
    subprocess.run([pm, "publish", "--no-push", doc], **quiet)
    return (time.perf_counter() - start) * 1000

def git_once(i):
    rel = f"notes/bench-{i}.md"
    path = os.path.join(wiki, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# Bench note {i}\n\n" + "Some text of a note of about a post-mortem's size.\n" * 60)
    start = time.perf_counter()
    subprocess.run(["git", "add", rel], **quiet)
    subprocess.run(["git", "commit", "-q", "-m", "x"], **quiet)
    return (time.perf_counter() - start) * 1000

pm_times, git_times = [], []
for i in range(runs):
    # Alternate which goes first, so neither always finds the caches warm.
    if i % 2 == 0:
        pm_times.append(pm_once(i)); git_times.append(git_once(i))
    else:
        git_times.append(git_once(i)); pm_times.append(pm_once(i))
pm_med, git_med = statistics.median(pm_times), statistics.median(git_times)
print(f"wiki of {docs} documents, index page of {rows} rows, {runs} runs each")
print(f"pm publish --no-push DOC:           median {pm_med:7.2f} ms "
      f"(min {min(pm_times):.2f}, max {max(pm_times):.2f})")
print(f"git add F && git commit -q -m x:    median {git_med:7.2f} ms "
      f"(min {min(git_times):.2f}, max {max(git_times):.2f})")
print(f"ratio pm / git: {pm_med / git_med:.2f} (target <= 1.5)")
PY
