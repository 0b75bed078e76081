#!/usr/bin/env bash
# `remission log` as a whole process, side by side with the sqlite3 command inserting one
# row into a WAL database: the floor for a fresh process that writes SQLite durably.
# Both run alternately in the same hyperfine session on the same disk; the figure that
# matters is the ratio of their means (goal: at most 3x).
#
# usage: bench/log-vs-sqlite3.sh PATH-TO-REMISSION [RUNS]
set -euo pipefail

bin=${1:?usage: log-vs-sqlite3.sh PATH-TO-REMISSION [RUNS]}
runs=${2:-300}
if ! command -v hyperfine >/dev/null; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq hyperfine >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/remission-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export REMISSION_HOME="$work/journal" NO_COLOR=1
"$bin" init --infusion-date 2026-03-02 --diagnosis SLE >/dev/null
sqlite3 "$work/floor.sqlite" "PRAGMA journal_mode=WAL;
    CREATE TABLE symptom (id TEXT PRIMARY KEY, date TEXT NOT NULL, name TEXT NOT NULL, severity INTEGER NOT NULL);" >/dev/null

mkdir -p bench/out
hyperfine -N --warmup 20 --runs "$runs" --export-json bench/out/log-vs-sqlite3.json \
    -n "sqlite3 insert (WAL)" "sqlite3 $work/floor.sqlite \"INSERT INTO symptom VALUES (lower(hex(randomblob(16))), '2026-11-20', 'fatigue', 3)\"" \
    -n "remission log" "$bin log --symptom fatigue=3 --wellbeing 7"

python3 - bench/out/log-vs-sqlite3.json <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
floor, log = results["sqlite3 insert (WAL)"], results["remission log"]
print(f"\nsqlite3 insert : {floor['mean']*1000:6.2f} ms mean, {floor['median']*1000:6.2f} ms median")
print(f"remission log  : {log['mean']*1000:6.2f} ms mean, {log['median']*1000:6.2f} ms median")
print(f"ratio (mean)   : {log['mean']/floor['mean']:.2f}x   (goal: at most 3x)")
PY
