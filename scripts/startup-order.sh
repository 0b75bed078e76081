#!/usr/bin/env bash
# Writes OUT (default scripts/startup-order.txt): the functions a `remission log` runs, sorted
# by name (callgrind's own order changes from run to run), for lld's --symbol-ordering-file in
# `make build`. Placed together at the front of .text, the code a start-up runs fills a few
# dozen pages instead of being spread over the whole 22 MB, and the kernel maps far fewer of
# them at every start (issue 12).
#
# Run it after changes to start-up or to `log`, on a binary of `make build`; it needs valgrind.
# A stale list costs speed only: lld places what it finds and ignores the rest.
#
# usage: scripts/startup-order.sh PATH-TO-REMISSION [OUT]
set -euo pipefail
binary=${1:?usage: startup-order.sh PATH-TO-REMISSION [OUT]}
out=${2:-$(dirname "$0")/startup-order.txt}
command -v valgrind >/dev/null || { echo "startup-order.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
bin=$(dirname "$(readlink -f "$(command -v swiftc)")")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/remission-order.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# valgrind cannot read this binary's debug information; the symbol table is enough.
"$bin/llvm-objcopy" --strip-debug "$binary" "$tmp/remission"
export REMISSION_HOME="$tmp/journal" NO_COLOR=1
"$tmp/remission" init --infusion-date 2026-03-02 --diagnosis SLE >/dev/null
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$tmp/callgrind.out" \
    "$tmp/remission" log --symptom fatigue=3 --wellbeing 7 >/dev/null 2>"$tmp/valgrind.log" \
    || { cat "$tmp/valgrind.log" >&2; exit 1; }

# The functions called, each with every name its address has (the linker folded identical
# functions, and callgrind reports one name of several).
"$bin/llvm-nm" --defined-only "$tmp/remission" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }' > "$tmp/defined"
sed -nE 's/^c?fn=\([0-9]+\) (.+)$/\1/p' "$tmp/callgrind.out" | awk '!seen[$0]++' > "$tmp/called"
awk 'NR == FNR { address[$2] = $1; names[$1] = names[$1] " " $2; next }
     ($0 in address) && !done[address[$0]]++ { n = split(names[address[$0]], list, " "); for (i = 1; i <= n; i++) print list[i] }' \
    "$tmp/defined" "$tmp/called" | LC_ALL=C sort -u > "$out"
echo "startup-order.sh: $(wc -l < "$out") functions written to $out"
