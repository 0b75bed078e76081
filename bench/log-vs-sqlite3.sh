#!/usr/bin/env bash
# `remission log` as a whole process, side by side with the sqlite3 command inserting one
# row into a WAL database: the floor for a fresh process that writes SQLite durably.
# The two run alternately (interleaved pairs, so that a load on the shared machine hits both
# alike); each process's CPU time (user + sys, from wait4) and wall time are taken, and the
# medians compared. Goal (issue 12): `log` at most 3x sqlite3's CPU time.
#
# usage: bench/log-vs-sqlite3.sh PATH-TO-REMISSION [PAIRS]
set -euo pipefail

bin=${1:?usage: log-vs-sqlite3.sh PATH-TO-REMISSION [PAIRS]}
pairs=${2:-101}

work=$(mktemp -d "${TMPDIR:-/tmp}/remission-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export REMISSION_HOME="$work/journal" NO_COLOR=1
"$bin" init --infusion-date 2026-03-02 --diagnosis SLE >/dev/null
sqlite3 "$work/floor.sqlite" "PRAGMA journal_mode=WAL;
    CREATE TABLE symptom (id TEXT PRIMARY KEY, date TEXT NOT NULL, name TEXT NOT NULL, severity INTEGER NOT NULL);" >/dev/null

mkdir -p bench/out
python3 - "$bin" "$work/floor.sqlite" "$pairs" bench/out/log-vs-sqlite3.json <<'PY'
import json, os, statistics, subprocess, sys, time
binary, floor_db, pairs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
commands = {
    "sqlite3 insert (WAL)": ["sqlite3", floor_db,
        "INSERT INTO symptom VALUES (lower(hex(randomblob(16))), '2026-11-20', 'fatigue', 3)"],
    "remission log": [binary, "log", "--symptom", "fatigue=3", "--wellbeing", "7"],
    "remission --version": [binary, "--version"],
}
def run(argv):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0: sys.exit(f"{argv[0]} failed: status {status}")
    return usage.ru_utime + usage.ru_stime, wall
for argv in commands.values():  # warm the page cache
    for _ in range(5): run(argv)
samples = {name: [] for name in commands}
for _ in range(pairs):
    for name, argv in commands.items():
        samples[name].append(run(argv))
summary = {name: {"cpu_median_ms": statistics.median(c for c, _ in s) * 1000,
                  "wall_median_ms": statistics.median(w for _, w in s) * 1000} for name, s in samples.items()}
json.dump({"pairs": pairs, "results": summary}, open(out, "w"), indent=2)
floor, log = summary["sqlite3 insert (WAL)"], summary["remission log"]
print(f"{pairs} interleaved runs of each; medians of CPU time (user + sys) and wall time")
for name, figures in summary.items():
    print(f"{name:22}: {figures['cpu_median_ms']:6.2f} ms CPU, {figures['wall_median_ms']:6.2f} ms wall")
print(f"log / sqlite3, CPU    : {log['cpu_median_ms'] / floor['cpu_median_ms']:.2f}x   (goal: at most 3x)")
print(f"log / sqlite3, wall   : {log['wall_median_ms'] / floor['wall_median_ms']:.2f}x")
PY
