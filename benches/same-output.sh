#!/usr/bin/env bash
# Does a change alter what `pm` prints on real documents? Builds `pm` at REV (default: HEAD)
# and from the work tree, runs both over the corpus copied into a wiki (`pm check`, `pm list`,
# `pm actions` and `pm timeline list` for every document, all as JSON), and diffs the outputs.
# Exit 0 when they are byte-identical, 1 with the first differences otherwise.
# Usage: benches/same-output.sh [REV] [CORPUS]   (default corpus: ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
corpus=$(realpath "${2:-${PM_CORPUS:-../shared/corpus}}")
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1; rm -rf "$work"' EXIT

cargo build --release --quiet
git worktree add --quiet --detach "$work/src" "$rev"
# The same target folder: dependencies are built once.
(cd "$work/src" && CARGO_TARGET_DIR="$PWD/../target" cargo build --release --quiet)
mkdir -p "$work/wiki/postmortems"
cp -r "$corpus/." "$work/wiki/postmortems/"
git -C "$work/wiki" init -q

outputs() {
    local pm=$1 out=$2
    mkdir -p "$out"
    cd "$work/wiki"
    export PM_NOW=2026-11-20T14:05:00Z TZ=UTC NO_COLOR=1
    "$pm" check --format json >"$out/check.json" 2>"$out/check.err" || echo "exit $?" >>"$out/check.err"
    "$pm" list --format json >"$out/list.json" 2>"$out/list.err" || echo "exit $?" >>"$out/list.err"
    "$pm" actions --format json >"$out/actions.json" 2>"$out/actions.err" || echo "exit $?" >>"$out/actions.err"
    find postmortems -name '*.md' -print0 | sort -z | while IFS= read -r -d '' doc; do
        printf '== %s\n' "$doc"
        "$pm" timeline list --format json --doc "$doc" 2>&1 || echo "exit $?"
    done >"$out/timeline.json"
    cd - >/dev/null
}
outputs "$work/target/release/pm" "$work/before"
outputs "$PWD/target/release/pm" "$work/after"
for file in "$work"/before/*; do
    name=$(basename "$file")
    printf '%-14s %8s bytes  ' "$name" "$(wc -c <"$file")"
    if cmp -s "$file" "$work/after/$name"; then echo identical; else echo DIFFERENT; fi
done
if ! diff -r "$work/before" "$work/after" >"$work/diff"; then
    head -40 "$work/diff"
    exit 1
fi
echo "same output as $rev on $(find "$corpus" -name '*.md' | wc -l) documents"
